namespace Monitor.Index.Queries;

/// <summary>Buckets in China time (UTC+8, no daylight saving): what an official means by "today" or "this week".</summary>
internal static class ChinaTime
{
    public const long OffsetMs = 8 * 3_600_000L;
    public const long HourMs = 3_600_000L;
    public const long DayMs = 86_400_000L;

    /// <summary>1970-01-01 was a Thursday; weeks start on Monday, so shift by 3 days.</summary>
    private const long WeekShiftMs = 3 * DayMs;

    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static long Day(long unixMs) => Math.DivRem(unixMs + OffsetMs, DayMs, out var rest) - (rest < 0 ? 1 : 0);

    public static long DayStartMs(long day) => (day * DayMs) - OffsetMs;

    /// <summary>The start (unix ms) of the bucket holding <paramref name="unixMs"/>.</summary>
    public static long BucketStartMs(long unixMs, TimeBucket bucket)
    {
        var width = Width(bucket);
        var shift = bucket == TimeBucket.Week ? OffsetMs + WeekShiftMs : OffsetMs;
        var local = unixMs + shift;
        var start = local - (((local % width) + width) % width);
        return start - shift;
    }

    public static long Width(TimeBucket bucket) => bucket switch
    {
        TimeBucket.Hour => HourMs,
        TimeBucket.Day => DayMs,
        TimeBucket.Week => 7 * DayMs,
        _ => throw new ArgumentOutOfRangeException(nameof(bucket), bucket, "Hour, Day or Week."),
    };

    public static DateTimeOffset ToChina(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToOffset(Offset);
}
