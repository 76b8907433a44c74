namespace Monitor.Jobs.Retraining;

/// <summary>
/// What one retraining of one task decided. <see cref="Version"/> is the candidate's folder (null when skipped);
/// the macro-F1 figures are on the public data's held-out validation split, which neither model trained on. For
/// <c>sentiment</c> they carry the accuracy on the four corpora's validation rows instead (see <see cref="Metric"/>).
/// </summary>
public sealed record RetrainingOutcome(
    string Task,
    RetrainingDecision Decision,
    int Corrections,
    int NewCorrections,
    string? Version,
    string? CandidateModelVersion,
    double? CandidateMacroF1,
    string? CurrentModelVersion,
    double? CurrentMacroF1)
{
    /// <summary>What the score fields hold: <c>accuracy</c> for sentiment, <c>macro-F1</c> for the multiclass models.</summary>
    public string Metric => Task == Monitor.Index.Corrections.LabelTasks.Sentiment ? "accuracy" : "macro-F1";
}

public enum RetrainingDecision
{
    /// <summary>Too few new corrections: nothing trained.</summary>
    Skipped,

    /// <summary>The candidate is not worse than the current model: it is now the current version.</summary>
    Promoted,

    /// <summary>The candidate is worse: kept for inspection, the current model stays.</summary>
    Rejected,
}
