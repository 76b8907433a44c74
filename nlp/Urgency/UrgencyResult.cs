namespace Monitor.Nlp.Urgency;

/// <summary>A 0–100 urgency score with every reason that raised it (largest first).</summary>
public sealed record UrgencyResult(int Score, IReadOnlyList<UrgencyReason> Reasons);
