namespace Monitor.Nlp.Keywords;

/// <summary>How often each word occurs in a set of texts (a time window or its baseline), and in how many texts.</summary>
public sealed class TermCounts
{
    private readonly Dictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> documentCounts = new(StringComparer.Ordinal);

    /// <summary>All counted tokens.</summary>
    public long Total { get; private set; }

    /// <summary>Counted texts.</summary>
    public long Documents { get; private set; }

    public IReadOnlyDictionary<string, long> Counts => counts;

    public IReadOnlyDictionary<string, long> DocumentCounts => documentCounts;

    public long this[string word] => counts.GetValueOrDefault(word);

    /// <summary>Counts the tokens of one text.</summary>
    public void Add(IEnumerable<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        Documents++;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            counts[token] = counts.GetValueOrDefault(token) + 1;
            Total++;
            if (seen.Add(token))
            {
                documentCounts[token] = documentCounts.GetValueOrDefault(token) + 1;
            }
        }
    }
}
