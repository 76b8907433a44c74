namespace Monitor.Nlp.Sentiment;

/// <summary>Binary sentiment (positive / negative) with a calibrated probability; safe to share across threads.</summary>
public interface ISentimentClassifier
{
    /// <summary>Identifies the trained model in use (from its card), recorded with every analysis.</summary>
    string ModelVersion { get; }

    SentimentPrediction Classify(string text, IReadOnlyList<string> tokens);

    /// <summary>Scores many texts at once; faster than one by one.</summary>
    IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs);
}
