using Monitor.Nlp.Sentiment;

namespace Monitor.Index;

/// <summary>What the pipeline learnt about one message, with the versions that produced it.</summary>
public sealed record AnalysisResult
{
    public required long MessageId { get; init; }

    public required IReadOnlyList<string> Tokens { get; init; }

    public required SentimentPrediction Sentiment { get; init; }

    public required string ModelVersion { get; init; }

    public required string DictionaryVersion { get; init; }

    public required DateTimeOffset AnalysedAt { get; init; }

    /// <summary>The topic classifier's label; null until the pipeline produces one.</summary>
    public ScoredLabel? Topic { get; init; }

    /// <summary>The emotion (e.g. angry, fear, happy, sad, surprise, neutral); null until the pipeline produces one.</summary>
    public ScoredLabel? Emotion { get; init; }

    public UrgencyAssessment? Urgency { get; init; }

    public ServiceFunctionMatch? ServiceFunction { get; init; }

    public NearDuplicate? NearDuplicate { get; init; }
}
