namespace Monitor.Jobs.Alerts;

/// <summary>
/// One alert or recovery of one rule: the hour it is about, the figures, the one-line Chinese reason and the link
/// (relative to the dashboard, or absolute when <see cref="AlertOptions.DashboardBaseUrl"/> is set) to the messages behind it.
/// </summary>
public sealed record AlertNotice
{
    public required string RuleId { get; init; }

    public required AlertKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset WindowStart { get; init; }

    public required DateTimeOffset WindowEnd { get; init; }

    public required long Count { get; init; }

    /// <summary>How many of <see cref="Count"/> were negative.</summary>
    public required long Negative { get; init; }

    public required double BaselineMean { get; init; }

    public required double BaselineDeviation { get; init; }

    public required double Threshold { get; init; }

    public required string Reason { get; init; }

    public required string Link { get; init; }
}
