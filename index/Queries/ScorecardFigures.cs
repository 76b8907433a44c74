namespace Monitor.Index.Queries;

/// <summary>Menu events that count as a use of a service function.</summary>
internal static class ServiceUseKinds
{
    public static readonly string[] All = ["event:CLICK", "event:VIEW"];
}

/// <summary>The scorecard arithmetic both backends share once they have counted: posting gaps and rates.</summary>
internal static class ScorecardFigures
{
    public static Scorecard Compose(
        string account,
        DateTimeOffset windowStart,
        DateTimeOffset windowEnd,
        DateTimeOffset asOf,
        IReadOnlyList<long> postTimes,
        long? lastPost,
        long cases,
        long replied,
        TimeSpan? medianFirstReply,
        long backlog,
        long? oldestOpen,
        long overdue,
        long serviceUses)
    {
        var start = windowStart.ToUnixTimeMilliseconds();
        var end = Math.Min(windowEnd.ToUnixTimeMilliseconds(), asOf.ToUnixTimeMilliseconds());
        var longest = 0L;
        var previous = start;
        foreach (var time in postTimes)
        {
            longest = Math.Max(longest, time - previous);
            previous = time;
        }

        longest = Math.Max(longest, end - previous);
        var weeks = (windowEnd - windowStart).TotalDays / 7;
        return new Scorecard
        {
            Account = account,
            From = windowStart,
            To = windowEnd,
            AsOf = asOf,
            Posts = postTimes.Count,
            PostsPerWeek = weeks > 0 ? postTimes.Count / weeks : 0,
            LongestGap = TimeSpan.FromMilliseconds(Math.Max(0, longest)),
            SinceLastPost = lastPost is { } last ? asOf - DateTimeOffset.FromUnixTimeMilliseconds(last) : null,
            CitizenMessages = cases,
            Replied = replied,
            ResponseRate = cases > 0 ? (double)replied / cases : null,
            MedianTimeToFirstReply = medianFirstReply,
            Backlog = backlog,
            OldestBacklogAge = oldestOpen is { } oldest ? asOf - DateTimeOffset.FromUnixTimeMilliseconds(oldest) : null,
            Overdue = overdue,
            ServiceUses = serviceUses,
        };
    }
}
