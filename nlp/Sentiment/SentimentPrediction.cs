namespace Monitor.Nlp.Sentiment;

/// <summary>
/// <paramref name="Label"/> is <c>positive</c> or <c>negative</c>; <paramref name="Score"/> is the probability of
/// that label (≥ 0.5); <paramref name="PositiveProbability"/> is P(positive).
/// </summary>
public sealed record SentimentPrediction(string Label, double Score, double PositiveProbability)
{
    public const string Positive = "positive";
    public const string Negative = "negative";

    public static SentimentPrediction FromPositiveProbability(double p) =>
        p >= 0.5 ? new(Positive, p, p) : new(Negative, 1 - p, p);
}
