namespace Monitor.Index.Queries;

/// <summary>The width of a bar in a chart over time; buckets start on China-time hours, days and Mondays.</summary>
public enum TimeBucket
{
    Hour,
    Day,
    Week,
}
