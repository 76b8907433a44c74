namespace Monitor.Index;

/// <summary>The analysis stored with a message.</summary>
public sealed record StoredAnalysis(
    IReadOnlyList<string> Tokens,
    string SentimentLabel,
    double SentimentScore,
    string ModelVersion,
    string DictionaryVersion,
    DateTimeOffset AnalysedAt);
