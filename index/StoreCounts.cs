namespace Monitor.Index;

/// <summary>Totals for health checks and tests.</summary>
public sealed record StoreCounts(long Messages, long Deliveries, long Rejected, long Pending, long Analysed, long Failed);
