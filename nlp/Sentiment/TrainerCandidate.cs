namespace Monitor.Nlp.Sentiment;

/// <summary>A trainer that was tried, with its accuracy on the tuning rows (hash mod 10 = 1, fitted without them).</summary>
public sealed record TrainerCandidate(string Trainer, double ValidationAccuracy, TimeSpan FitTime);
