namespace Monitor.Jobs.Alerts;

/// <summary>
/// One burst rule (section <c>Alerts:Rules</c>): fire when the last hour's count of <see cref="Value"/> reaches
/// max(<see cref="MinimumCount"/>, mean + <see cref="ThresholdFactor"/>·σ) of the same hour on the same weekday over the
/// previous weeks.
/// </summary>
public sealed class AlertRule
{
    /// <summary>Stable id; the rule's state (last fired, snooze) is kept under it.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Only this account; null means every account.</summary>
    public string? Account { get; set; }

    public AlertSplit Split { get; set; } = AlertSplit.Keyword;

    /// <summary>The keyword (segmented words, space-separated), the topic label, or <c>positive</c>/<c>negative</c>.</summary>
    public string Value { get; set; } = string.Empty;

    /// <summary>k in mean + k·σ.</summary>
    public double ThresholdFactor { get; set; } = 3;

    /// <summary>Never fire below this many messages in the hour, however quiet the baseline.</summary>
    public int MinimumCount { get; set; } = 5;
}
