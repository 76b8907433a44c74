namespace Monitor.Nlp.Classification;

/// <summary>A setting that was tried, with its macro-F1 on the tuning rows (never the validation rows).</summary>
public sealed record TrainingCandidate(string Setting, double TuningMacroF1, TimeSpan FitTime);
