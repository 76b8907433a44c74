namespace Monitor.Nlp.Sentiment;

/// <summary>Rows whose P(positive) fell in [<paramref name="Lower"/>, <paramref name="Upper"/>): mean predicted vs observed positive rate.</summary>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedPositive);
