using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Classification;

/// <summary>Segments every text once for a training run, which fits several models on the same texts.</summary>
internal sealed class TokenCache(ITextSegmenter segmenter)
{
    private readonly Dictionary<string, IReadOnlyList<string>> tokens = new(StringComparer.Ordinal);

    public int Count => tokens.Count;

    public void Add(IEnumerable<string> texts, CancellationToken ct)
    {
        foreach (var text in texts)
        {
            ct.ThrowIfCancellationRequested();
            if (!tokens.ContainsKey(text))
            {
                tokens[text] = segmenter.Cut(text);
            }
        }
    }

    /// <summary>Records <paramref name="cut"/> as the tokens of <paramref name="text"/> (a part of a segmented text) unless it has some.</summary>
    public void Put(string text, IReadOnlyList<string> cut) => tokens.TryAdd(text, cut);

    public IReadOnlyList<string> Get(string text) =>
        tokens.TryGetValue(text, out var cut) ? cut : tokens[text] = segmenter.Cut(text);
}
