using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// The real classifier, except that it throws for texts containing <see cref="Poison"/>, as a model that chokes on one
/// input would; the pipeline must hold back only that message.
/// </summary>
public sealed class FailingSentiment(ISentimentClassifier inner) : ISentimentClassifier
{
    public const string Poison = "☠";

    public string ModelVersion => inner.ModelVersion;

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) =>
        text.Contains(Poison, StringComparison.Ordinal) ? throw new InvalidOperationException("model failed on this input") : inner.Classify(text, tokens);

    public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs) =>
        inputs.Any(i => i.Text.Contains(Poison, StringComparison.Ordinal)) ? throw new InvalidOperationException("batch failed") : inner.ClassifyBatch(inputs);
}
