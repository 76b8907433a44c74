namespace Monitor.Jobs.Alerts;

/// <summary>What is remembered of one rule between evaluations.</summary>
public sealed record AlertRuleState(string RuleId, bool Firing, DateTimeOffset? LastFiredAt, DateTimeOffset? SnoozedUntil)
{
    public static AlertRuleState Initial(string ruleId) => new(ruleId, false, null, null);
}
