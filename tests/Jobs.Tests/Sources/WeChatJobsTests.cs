using Monitor.Ingest.Tests.WeChat.Api;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Sources;

public sealed class WeChatJobsTests
{
    private static readonly TimeZoneInfo China = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedArticlesAreStoredOnceEach()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.AddArticles(25);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(Articles(), Token);

        var first = await host.RunAsync("zd-articles");
        var second = await host.RunAsync("zd-articles");

        Assert.Equal(50, first.ItemsLastRun);
        Assert.Equal(0, second.ItemsLastRun);
        var stored = await host.Store.LatestAsync(100, null, Token);
        Assert.Equal(50, stored.Count);
        Assert.All(stored, m => Assert.Equal("wechat-article", m.Message.SourceKind));
    }

    [Fact]
    public async Task DailyQuotaErrorStopsTheSourceUntilFiveMinutesPastMidnightChinaTime()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.AddArticles(3);
        api.FailNext("cgi-bin/freepublish/batchget", 45009);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(Articles(), Token);

        var health = await host.RunAsync("zd-articles");

        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, China).Date;
        var expected = new DateTimeOffset(today.AddDays(1).AddMinutes(5), TimeSpan.FromHours(8));
        Assert.Equal(45009, health.LastErrorCode);
        Assert.Equal("StopUntilTomorrow", health.LastErrorAction);
        Assert.Equal(expected, health.PausedUntil);
        var trigger = await host.Scheduler.GetTrigger(JobKeys.SourceTrigger("zd-articles"), Token);
        Assert.NotNull(trigger);
        Assert.True(trigger.NextFireTimeUtc >= expected, $"next fire {trigger.NextFireTimeUtc} is before {expected}");
        var alert = Assert.Single(await host.Health.AlertsAsync(10, Token));
        Assert.Equal(45009, alert.Code);
    }

    [Fact]
    public async Task IpNotWhitelistedRaisesAnAdminAlert()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.FailNext("cgi-bin/freepublish/batchget", 40164);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(Articles(), Token);

        var health = await host.RunAsync("zd-articles");

        Assert.Equal("AlertAdmin", health.LastErrorAction);
        Assert.Null(health.PausedUntil);
        Assert.Equal("AlertAdmin", Assert.Single(await host.Health.AlertsAsync(10, Token)).Action);
    }

    [Fact]
    public async Task CommentsAndRepliesOfEachArticleAreStoredWithPseudonymsAndAMissingArticleIsSkipped()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.AddComments(2247483650, 0, 7);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.WeChatComments, Id = "zd-comments", Account = "gh_zhengding", Cron = "0 */30 * * * ?",
            Articles = ["2247483650:0", "99:1"],
        }, Token);

        var health = await host.RunAsync("zd-comments");

        // 7 comments, replies under comments 0, 3 and 6.
        Assert.Equal(10, health.ItemsLastRun);
        var stored = await host.Store.LatestAsync(100, null, Token);
        Assert.All(stored.Where(m => m.Message.Author is not null), m => Assert.StartsWith("u_", m.Message.Author, StringComparison.Ordinal));
        Assert.DoesNotContain(stored, m => (m.Message.Author ?? string.Empty).Contains("oFakeReader", StringComparison.Ordinal));
        Assert.Contains("99:1", Assert.Single(await host.Health.AlertsAsync(10, Token)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCarriesTheTokenStateAndTheQuotaUseOfTheRun()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.AddArticles(45);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(Articles(), Token);
        var before = DateTimeOffset.UtcNow;

        var health = await host.RunAsync("zd-articles");

        var status = Assert.IsType<Monitor.Ingest.WeChat.Api.WeChatApiStatus>(health.WeChatApi);
        Assert.NotNull(status.TokenLastRefreshAt);
        Assert.True(status.TokenValidUntil > before.AddMinutes(100), $"token valid until {status.TokenValidUntil}");
        Assert.Null(status.TokenLastError);
        Assert.Equal(api.Calls("cgi-bin/freepublish/batchget"), status.CallsToday["cgi-bin/freepublish/batchget"]);
        Assert.Equal(3, status.CallsToday["cgi-bin/freepublish/batchget"]);
        Assert.Equal(500_000, status.DailyLimits["cgi-bin/stable_token"]);
        Assert.Null(status.QuotaReachedAt);

        // The next run hits the daily quota: the health record says when and where.
        api.FailNext("cgi-bin/freepublish/batchget", 45009);
        await host.Scheduler.ResumeTrigger(Monitor.Jobs.Scheduling.JobKeys.SourceTrigger("zd-articles"), Token);
        var stopped = await host.RunAsync("zd-articles");
        Assert.Equal("cgi-bin/freepublish/batchget", stopped.WeChatApi!.QuotaReachedEndpoint);
        Assert.NotNull(stopped.WeChatApi.QuotaReachedAt);
        Assert.Equal(4, stopped.WeChatApi.CallsToday["cgi-bin/freepublish/batchget"]);
    }

    [Fact]
    public async Task AFailedTokenFetchIsShownWithItsReason()
    {
        await using var api = await FakeWeChatApi.StartAsync(Token);
        api.FailNext("cgi-bin/stable_token", 40164);
        await using var host = await JobsHost.StartAsync(Settings(api));
        await host.Sources.AddOrUpdateAsync(Articles(), Token);

        var health = await host.RunAsync("zd-articles");

        Assert.Equal(40164, health.LastErrorCode);
        Assert.NotNull(health.WeChatApi!.TokenLastErrorAt);
        Assert.Contains("40164", health.WeChatApi.TokenLastError, StringComparison.Ordinal);
        Assert.Null(health.WeChatApi.TokenValidUntil);
        Assert.DoesNotContain(FakeWeChatApi.AppSecret, health.WeChatApi.TokenLastError, StringComparison.Ordinal);
    }

    private static SourceDefinition Articles() => new()
    {
        Kind = SourceKinds.WeChatArticles, Id = "zd-articles", Account = "gh_zhengding", Cron = "0 0 * * * ?",
    };

    private static Dictionary<string, string?> Settings(FakeWeChatApi api) => new()
    {
        ["WeChat:Api:BaseAddress"] = api.BaseAddress.AbsoluteUri,
        ["WeChat:Api:AppId"] = FakeWeChatApi.AppId,
        ["WeChat:Api:AppSecret"] = FakeWeChatApi.AppSecret,
        ["WeChat:Api:RetryBaseDelay"] = "00:00:00.010",
    };
}
