namespace Monitor.Nlp.Sentiment;

/// <summary>Counts of true label (first word) by predicted label (second word).</summary>
public sealed record BinaryConfusionMatrix(int PositivePredictedPositive, int PositivePredictedNegative, int NegativePredictedPositive, int NegativePredictedNegative)
{
    public int Total => PositivePredictedPositive + PositivePredictedNegative + NegativePredictedPositive + NegativePredictedNegative;
}
