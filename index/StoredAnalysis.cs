namespace Monitor.Index;

/// <summary>The analysis stored with a message; the optional parts are null when the pipeline did not produce them.</summary>
public sealed record StoredAnalysis(
    IReadOnlyList<string> Tokens,
    string SentimentLabel,
    double SentimentScore,
    string ModelVersion,
    string DictionaryVersion,
    DateTimeOffset AnalysedAt)
{
    public ScoredLabel? Topic { get; init; }

    public ScoredLabel? Emotion { get; init; }

    public UrgencyAssessment? Urgency { get; init; }

    public ServiceFunctionMatch? ServiceFunction { get; init; }

    public NearDuplicate? NearDuplicate { get; init; }
}
