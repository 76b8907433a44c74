using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Sources;

public sealed class FeedSourceJobTests
{
    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>正定发布</title><link>https://example.gov.cn/</link>
        <item><title>关于隆兴寺周边道路施工的通告</title><link>https://example.gov.cn/a/1</link><guid>a-1</guid>
          <pubDate>Mon, 24 Nov 2026 08:00:00 +0800</pubDate><description>施工期间请绕行。</description></item>
        <item><title>城区供暖今日开始</title><link>https://example.gov.cn/a/2</link><guid>a-2</guid>
          <pubDate>Tue, 25 Nov 2026 09:30:00 +0800</pubDate><description>供暖咨询电话已开通。</description></item>
        </channel></rss>
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SecondPollSendsTheStoredETagGets304AndStoresNothingTwice()
    {
        await using var site = await LocalSite.StartAsync();
        site.Serve("feed.xml", Rss, "application/rss+xml; charset=utf-8", "\"v1\"");
        await using var host = await JobsHost.StartAsync();
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.Feed, Id = "zd-feed", Url = site.Url("feed.xml"), Account = "gh_zhengding", Cron = "0 0 3 * * ?",
        }, Token);

        var first = await host.RunAsync("zd-feed");
        var second = await host.RunAsync("zd-feed");

        Assert.Equal(["/feed.xml 200", "/feed.xml 304"], site.Log.ToArray());
        Assert.Equal(2, first.ItemsLastRun);
        Assert.Equal(0, second.ItemsLastRun);
        Assert.Equal(0, second.ConsecutiveFailures);
        Assert.Equal(2, (await host.Store.CountAsync(Token)).Messages);
    }

    [Fact]
    public async Task FailedPollIsRecordedWithItsStatusInTheSourceHealth()
    {
        await using var site = await LocalSite.StartAsync();
        site.Status("feed.xml", 503);
        await using var host = await JobsHost.StartAsync();
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.Feed, Id = "down", Url = site.Url("feed.xml"), Cron = "0 0 3 * * ?",
        }, Token);

        var health = await host.RunAsync("down");

        Assert.Equal(503, health.LastErrorCode);
        Assert.Equal(1, health.ConsecutiveFailures);
        Assert.Null(health.LastSuccessAt);
        Assert.Contains("503", health.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedPollIsRetriedByTheSchedulerWithBackoffUntilItSucceeds()
    {
        await using var site = await LocalSite.StartAsync();
        site.Status("feed.xml", 503);
        await using var host = await JobsHost.StartAsync(new Dictionary<string, string?> { ["Jobs:RetryInitialDelay"] = "00:00:02" });
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.Feed, Id = "flaky", Url = site.Url("feed.xml"), Cron = "0 0 3 * * ?",
        }, Token);

        var failed = await host.RunAsync("flaky");
        site.Serve("feed.xml", Rss, "application/rss+xml; charset=utf-8");
        SourceHealth? recovered = null;
        await Eventually.TrueAsync(async () => (recovered = await host.Health.GetAsync("flaky", Token))?.LastSuccessAt is not null, "the retry succeeded");

        Assert.Contains("(attempt 1)", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(["/feed.xml 503", "/feed.xml 200"], site.Log.ToArray());
        Assert.Equal(0, recovered!.ConsecutiveFailures);
        Assert.Equal(2, recovered.ItemsLastRun);
    }
}
