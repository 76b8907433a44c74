namespace Monitor.Nlp.Urgency;

/// <summary>Creates the rule-based urgency scorer for tools that do not use dependency injection.</summary>
public static class UrgencyScorerFactory
{
    public static IUrgencyScorer Create() => new RuleUrgencyScorer();
}
