using Monitor.Index.Queries;
using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Tests.Alerts;

public sealed class PreVetoWarningsTests
{
    private static Scorecard Card(TimeSpan? sinceLastPost, long posts = 5, TimeSpan? oldestBacklog = null, long overdue = 0) => new()
    {
        Account = "gh_a",
        From = DateTimeOffset.UnixEpoch,
        To = DateTimeOffset.UnixEpoch.AddDays(30),
        AsOf = DateTimeOffset.UnixEpoch.AddDays(30),
        Posts = posts,
        PostsPerWeek = posts / 4.3,
        LongestGap = TimeSpan.FromDays(3),
        SinceLastPost = sinceLastPost,
        CitizenMessages = 10,
        Replied = 5,
        Backlog = oldestBacklog is null ? 0 : 4,
        OldestBacklogAge = oldestBacklog,
        Overdue = overdue,
    };

    [Fact]
    public void ElevenQuietDaysWarnThatTheVetoComesInThreeDays()
    {
        var warning = Assert.Single(PreVetoWarnings.From(Card(TimeSpan.FromDays(11.2))));

        Assert.Equal(("no-update", "warning"), (warning.Rule, warning.Severity));
        Assert.Contains("再过 3 天", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FifteenQuietDaysAreAVeto() =>
        Assert.Equal("veto", Assert.Single(PreVetoWarnings.From(Card(TimeSpan.FromDays(15)))).Severity);

    [Fact]
    public void AnActiveAccountWithAnswersInTimeHasNoWarning() =>
        Assert.Empty(PreVetoWarnings.From(Card(TimeSpan.FromDays(2), oldestBacklog: TimeSpan.FromHours(20))));

    [Fact]
    public void MessagesWaitingOverSeventyTwoHoursAndOverdueOnesWarnOfPoorResponse()
    {
        var warnings = PreVetoWarnings.From(Card(TimeSpan.FromDays(1), oldestBacklog: TimeSpan.FromHours(80), overdue: 2));

        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("no-response", w.Rule));
        Assert.Contains("80 小时", warnings[0].Message, StringComparison.Ordinal);
    }
}
