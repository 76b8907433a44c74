using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Keywords;

/// <summary>
/// jieba's <c>extract_tags</c>: tokens of the exact cut that are keyword candidates, weight = count / candidates × IDF
/// (the median IDF for unknown words), best first; equal weights keep the order of first occurrence.
/// </summary>
internal sealed class TfIdfExtractor(ITextSegmenter segmenter, IdfTable idf, StopWords stopWords) : IKeywordExtractor
{
    public IReadOnlyList<Keyword> Extract(string text, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var total = 0;
        foreach (var token in segmenter.Cut(text))
        {
            if (!stopWords.IsCandidate(token))
            {
                continue;
            }

            total++;
            if (counts.TryGetValue(token, out var count))
            {
                counts[token] = count + 1;
            }
            else
            {
                counts[token] = 1;
                order.Add(token);
            }
        }

        return [.. order.Select(w => new Keyword(w, counts[w] * idf[w] / total)).OrderByDescending(k => k.Weight).Take(top)];
    }
}
