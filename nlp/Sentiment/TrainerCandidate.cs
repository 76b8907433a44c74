namespace Monitor.Nlp.Sentiment;

/// <summary>A trainer that was tried, with its accuracy on all validation rows.</summary>
public sealed record TrainerCandidate(string Trainer, double ValidationAccuracy, TimeSpan FitTime);
