using System.Globalization;
using Microsoft.Playwright;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Browser;

/// <summary>Each role's main flow in Debian chromium, with a screenshot of each screen.</summary>
public sealed class RoleFlowTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public RoleFlowTests(BrowserFixture browser)
    {
        _browser = browser;
        RoleUsers.Create(browser.App);
    }

    [Fact]
    public async Task ResponderTakesAMessageRepliesAndResolvesIt()
    {
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        await _browser.PostAsync(SignedDelivery.TextXml(msgId, "家门口的变压器冒烟了，老人孩子都在家，非常危险，请马上派人来！"));
        var page = await SignInAsync("responder", "/queue");

        var row = page.Locator("#queue tbody tr", new PageLocatorOptions { HasText = "变压器冒烟" });
        await row.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "responder-queue.png"), FullPage = true });
        await row.Locator("button[data-action=assign]").ClickAsync();
        await Expect(row, "assigned");
        await row.Locator("button[data-action=reply]").ClickAsync();
        await page.FillAsync("#reply-form textarea", "已派电力抢修人员前往，请远离变压器。");
        await page.ClickAsync("#reply-send");
        await Expect(row, "replied");
        await row.Locator("button[data-action=resolve]").ClickAsync();

        await page.Locator("#queue tbody tr[data-status=resolved]", new PageLocatorOptions { HasText = "变压器冒烟" })
            .Or(page.Locator("#status", new PageLocatorOptions { HasText = "已办结" })).First.WaitForAsync();
        var stored = (await _browser.App.Store.LatestAsync(500, null, TestContext.Current.CancellationToken)).Single(m => m.Message.SourceId == msgId);
        Assert.Equal("resolved", stored.Case!.Status);
        Assert.Equal("user-responder", stored.Case.Assignee);
        Assert.NotNull(stored.Case.FirstReplyAt);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ResearcherSearchesSeesHighlightedMatchesAndDownloadsAnExcelExport()
    {
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        await _browser.PostAsync(SignedDelivery.TextXml(msgId, "村东头的河道被倒满了建筑垃圾，河道堵塞，下雨就淹"));
        await _browser.App.WaitForAnalysisAsync(1, TestContext.Current.CancellationToken);
        var page = await SignInAsync("researcher", "/search");

        await page.FillAsync("#search-form input[name=q]", "河道");
        await page.ClickAsync("#search-form button[type=submit]");
        var result = page.Locator("#results li", new PageLocatorOptions { HasText = "建筑垃圾" });
        await result.WaitForAsync();
        Assert.Contains("河道", await result.Locator("mark").First.TextContentAsync() ?? string.Empty, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "researcher-search.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-xlsx"));
        var path = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N") + ".xlsx");
        await download.SaveAsAsync(path);
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(path);
        Assert.Equal(["messages", "codebook", "stamp"], sheets);
        var rows = MiniExcelLibs.MiniExcel.Query(path, useHeaderRow: true, sheetName: "messages").Cast<IDictionary<string, object?>>().ToList();
        var exported = Assert.Single(rows, r => (string?)r["source_id"] == msgId);
        Assert.StartsWith("u_", (string?)exported["author"], StringComparison.Ordinal);
        Assert.DoesNotContain(rows, r => ((string?)r["author"] ?? string.Empty).StartsWith('o'));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OfficialSeesTheTrendChartDrawnFromTheMessages()
    {
        await _browser.PostAsync(SignedDelivery.TextXml(Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture), "路灯坏了一个月没人修，太让人失望了"));
        await _browser.App.WaitForAnalysisAsync(1, TestContext.Current.CancellationToken);
        var page = await SignInAsync("official", "/overview");

        await page.WaitForSelectorAsync("body[data-chart=ready]");
        var painted = await page.EvaluateAsync<int>("""
            () => { const c = document.querySelector('#trend canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; }
            """);
        Assert.True(painted > 1000, $"the chart painted only {painted} pixels");
        var plotted = await page.EvaluateAsync<int>(
            "() => echarts.getInstanceByDom(document.getElementById('trend')).getOption().series.flatMap(s => s.data).reduce((a, b) => a + b, 0)");
        Assert.True(plotted >= 1, "the chart has no message in it");
        Assert.NotEqual("暂无", (await page.Locator("#keywords li").First.TextContentAsync())?.Trim());
        Assert.Equal(0, await page.Locator("nav a[href='/queue']").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "official-overview.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(string role, string path)
    {
        var context = await _browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _browser.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login?returnUrl=" + Uri.EscapeDataString(path));
        await page.FillAsync("input[name=userName]", "user-" + role);
        await page.FillAsync("input[name=password]", RoleUsers.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        return page;
    }

    private static Task Expect(ILocator row, string status) =>
        row.Page.Locator($"#queue tbody tr[data-status={status}]", new PageLocatorOptions { HasText = "变压器冒烟" }).WaitForAsync();
}
