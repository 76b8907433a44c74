using Monitor.Ingest.Pages;
using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Sources;

public sealed class PageSourceJobTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PageIsAuditedAsNewThenEditedThenDeleted()
    {
        await using var site = await LocalSite.StartAsync();
        site.Serve("art/1.html", Page("关于城区供暖的通知", "供暖时间为11月15日起。", "咨询电话12345。"), "text/html; charset=utf-8");
        await using var host = await JobsHost.StartAsync();
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.Page, Id = "zd-page", Url = site.Url("art/1.html"), Account = "正定县人民政府", Cron = "0 0 4 * * ?",
        }, Token);

        await host.RunAsync("zd-page");
        await host.RunAsync("zd-page");
        site.Serve("art/1.html", Page("关于城区供暖的通知（更正）", "供暖时间为11月20日起。", "咨询电话12345。"), "text/html; charset=utf-8");
        await host.RunAsync("zd-page");
        site.Status("art/1.html", 404);
        var last = await host.RunAsync("zd-page");

        var audit = await host.Health.PageAuditAsync("zd-page", Token);
        Assert.Equal([PageChangeKind.New, PageChangeKind.Edited, PageChangeKind.Deleted], audit.Select(a => a.Kind));
        Assert.Contains("11月15日", audit[1].Summary, StringComparison.Ordinal);
        Assert.Contains("404", audit[2].Summary, StringComparison.Ordinal);
        Assert.All(audit, a => Assert.Equal(site.Url("art/1.html"), a.Url));
        Assert.Equal(0, last.ConsecutiveFailures);
        // The first text and the edited version are both kept as messages.
        var messages = await host.Store.LatestAsync(10, null, Token);
        Assert.Equal(2, messages.Count);
    }

    [Fact]
    public async Task ServerErrorIsNotADeletionAndKeepsTheSnapshot()
    {
        await using var site = await LocalSite.StartAsync();
        site.Serve("p.html", Page("通告", "第一段。", "第二段。"), "text/html; charset=utf-8");
        await using var host = await JobsHost.StartAsync();
        await host.Sources.AddOrUpdateAsync(new SourceDefinition
        {
            Kind = SourceKinds.Page, Id = "flaky", Url = site.Url("p.html"), Cron = "0 0 4 * * ?",
        }, Token);

        await host.RunAsync("flaky");
        site.Status("p.html", 502);
        var failed = await host.RunAsync("flaky");

        Assert.Equal(502, failed.LastErrorCode);
        Assert.Equal([PageChangeKind.New], (await host.Health.PageAuditAsync("flaky", Token)).Select(a => a.Kind));
    }

    private static string Page(string title, string first, string second) => $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
        <body><div class="article"><h1>{title}</h1><div id="zoom"><p>{first}</p><p>{second}</p></div></div></body></html>
        """;
}
