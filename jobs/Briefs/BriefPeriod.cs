using System.Globalization;

namespace Monitor.Jobs.Briefs;

/// <summary>What a brief covers, [<see cref="From"/>, <see cref="To"/>) in China time, and the period it is compared with.</summary>
public sealed record BriefPeriod(BriefKind Kind, DateTimeOffset From, DateTimeOffset To)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public TimeSpan Length => To - From;

    public DateTimeOffset PreviousFrom => From - Length;

    /// <summary>The file name stem: <c>2026-11-25-daily</c>, <c>2026-11-16-weekly</c> (the period's first day).</summary>
    public string Stem => From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (Kind == BriefKind.Daily ? "-daily" : "-weekly");

    /// <summary>The last complete period before <paramref name="now"/>: yesterday, or last Monday–Sunday.</summary>
    public static BriefPeriod LastComplete(BriefKind kind, DateTimeOffset now)
    {
        var local = now.ToOffset(China);
        var today = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, China);
        if (kind == BriefKind.Daily)
        {
            return new BriefPeriod(kind, today.AddDays(-1), today);
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return new BriefPeriod(kind, monday.AddDays(-7), monday);
    }
}
