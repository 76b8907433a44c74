using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Tests.Support;

/// <summary>A predictable classifier: positive (0.9) iff the text contains 好 or 赞, else negative (0.1).</summary>
internal sealed class KeywordSentimentClassifier : ISentimentClassifier
{
    public string ModelVersion => "keyword-test";

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) =>
        SentimentPrediction.FromPositiveProbability(text.Contains('好', StringComparison.Ordinal) || text.Contains('赞', StringComparison.Ordinal) ? 0.9 : 0.1);

    public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs) =>
        inputs.Select(i => Classify(i.Text, i.Tokens)).ToList();
}
