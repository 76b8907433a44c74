namespace Monitor.Nlp.Sentiment;

/// <summary>Precision, recall and F1 of one label; <paramref name="Support"/> = rows whose true label it is.</summary>
public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);
