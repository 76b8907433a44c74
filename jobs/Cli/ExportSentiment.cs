namespace Monitor.Jobs.Cli;

/// <summary>Sentiment as exported: the label and the probability of that label.</summary>
public sealed record ExportSentiment(string Label, double Score);
