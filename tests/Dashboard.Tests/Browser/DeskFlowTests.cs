using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monitor.Dashboard.Admin;
using Monitor.Dashboard.Sealed;
using Monitor.Dashboard.Tests.Support;
using Monitor.Ingest;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Ingest.WeChat.Api;
using Monitor.Nlp.Segmentation;
using Quartz;

namespace Monitor.Dashboard.Tests.Browser;

/// <summary>
/// The newer screens in Debian chromium: an official follows a burst alert to the messages behind it, reads credibility
/// flags and downloads a brief; an admin manages rules and the dictionary; a responder sees the reply window, looks a case
/// up and finds a 涉黑 report sealed, which 涉黑专办 reads in full. Each screen is saved as a screenshot.
/// </summary>
public sealed class DeskFlowTests : IClassFixture<BrowserFixture>
{
    private const string Account = "gh_10f6c3c3ac5a";
    private readonly BrowserFixture _browser;

    public DeskFlowTests(BrowserFixture browser)
    {
        _browser = browser;
        RoleUsers.Create(browser.App);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOfficialSeesABurstAlertOnTheOverviewAndOpensTheMessagesBehindIt()
    {
        const string text = "小区突然停水了，到现在还没来水，做饭都成问题";
        var segmenter = _browser.App.Services.GetRequiredService<ITextSegmenter>();
        var keyword = segmenter.Cut(text, SegmentMode.Exact).Contains("停水") ? "停水" : segmenter.Cut(text, SegmentMode.Exact).First(t => t.Length >= 2);
        var ruleId = "burst-" + Guid.NewGuid().ToString("N")[..8];
        _browser.App.Services.GetRequiredService<AlertRuleFile>().Save(new AlertRule { Id = ruleId, Split = AlertSplit.Keyword, Value = keyword, ThresholdFactor = 3, MinimumCount = 3 });

        // Four messages in the last full hour and four in the current one, so the burst is there whichever hour the job evaluates.
        var now = DateTimeOffset.UtcNow;
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var burst = Enumerable.Range(0, 4).Select(i => hour.AddMinutes(-50 + (i * 5)))
            .Concat(Enumerable.Range(0, 4).Select(i => Min(hour.AddSeconds(i * 5), now.AddSeconds(-30 + i))))
            .Select((time, i) => new Message
            {
                SourceKind = "import",
                SourceId = $"{ruleId}-{i}",
                Account = Account,
                Author = $"u_burst{i}",
                Time = time,
                Text = $"{text}（{i + 1}号楼）",
            }).ToList();
        await _browser.App.Store.IngestBatchAsync(burst, Token);
        await _browser.App.WaitForAnalysisAsync(burst.Count, Token);
        var scheduler = await _browser.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Token);
        await scheduler.TriggerJob(JobKeys.Duty("alert-evaluation"), Token);
        var feed = _browser.App.Services.GetRequiredService<IAlertFeed>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await feed.ListAsync(now.AddDays(-1), now.AddHours(2), 50, Token)).Any(n => n.RuleId == ruleId))
        {
            Assert.True(DateTime.UtcNow < deadline, "the alert job raised no alert for the burst");
            await Task.Delay(250, Token);
        }

        var page = await SignInAsync("official", "/overview");
        var alert = page.Locator("#alerts li a", new PageLocatorOptions { HasText = keyword });
        await alert.First.WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "official-burst-alert.png"), FullPage = true });
        await alert.First.ClickAsync();

        await page.WaitForURLAsync("**/search?**");
        var results = page.Locator("#results li", new PageLocatorOptions { HasText = "号楼" });
        await results.First.WaitForAsync();
        Assert.True(await results.CountAsync() >= 4, $"only {await results.CountAsync()} messages behind the alert");
        Assert.Equal(keyword, await results.First.Locator("mark").First.TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "official-alert-messages.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnOfficialReadsCredibilityFlagsAndDownloadsABrief()
    {
        const string text = "又在吹了，说是整改到位，结果路面还是没修，我的评论还被删了";
        await _browser.App.Store.IngestBatchAsync([new Message
        {
            SourceKind = "wechat-comment", SourceId = "cred-" + Guid.NewGuid().ToString("N"), Account = Account, Author = "u_cred", Time = DateTimeOffset.UtcNow.AddMinutes(-5), Text = text,
        }], Token);
        var folder = Path.Combine(_browser.App.DataDirectory, "briefs");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "2026-11-25-daily.html"), "<!DOCTYPE html><title>日报</title><p>日报</p>", Token);

        var page = await SignInAsync("official", "/accountability");

        var flag = page.Locator("#credibility li", new PageLocatorOptions { HasText = "评论还被删了" });
        await flag.WaitForAsync();
        Assert.Equal("被删", await flag.Locator("mark[data-kind=censorship]").First.TextContentAsync());
        Assert.Equal(text, await flag.Locator("p.snippet").TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "official-accountability.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#briefs a", new PageLocatorOptions { HasText = "网页版" }).First.ClickAsync());
        Assert.Equal("2026-11-25-daily.html", download.SuggestedFilename);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AnAdminManagesAlertRulesAndTheUserDictionaryAndSeesEachWeChatSourcesTokenAndQuota()
    {
        // A WeChat source (its cron fires in 2099, so no job touches it) whose last run left a known token state and
        // today's calls, as WeChatArticlesJob records them.
        var sourceId = "wx-articles-" + Guid.NewGuid().ToString("N")[..6];
        var schedule = _browser.App.Services.GetRequiredService<ISourceSchedule>();
        await schedule.AddOrUpdateAsync(new SourceDefinition { Kind = SourceKinds.WeChatArticles, Id = sourceId, Account = Account, Cron = "0 0 3 1 1 ? 2099" }, Token);
        var now = DateTimeOffset.UtcNow;
        await _browser.App.Services.GetRequiredService<SourceStateStore>().RecordSuccessAsync(sourceId, SourceKinds.WeChatArticles, 4, now, new WeChatApiStatus
        {
            TokenValidUntil = now.AddMinutes(95),
            TokenLastRefreshAt = now.AddMinutes(-20),
            TokenForcedRefreshesToday = 2,
            Day = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            CallsToday = new Dictionary<string, int> { ["cgi-bin/freepublish/batchget"] = 37, ["cgi-bin/comment/list"] = 1204 },
            DailyLimits = new Dictionary<string, int> { ["cgi-bin/freepublish/batchget"] = 1000 },
        }, Token);

        var page = await SignInAsync("admin", "/admin");
        await page.WaitForSelectorAsync("body[data-settings=loaded]");

        await page.FillAsync("#rule-form input[name=id]", "river-mood");
        await page.SelectOptionAsync("#rule-form select[name=split]", "sentiment");
        await page.FillAsync("#rule-form input[name=value]", "angry");
        await page.ClickAsync("#rule-form button[type=submit]");
        await page.Locator("#status", new PageLocatorOptions { HasText = "positive 或 negative" }).WaitForAsync();
        await page.FillAsync("#rule-form input[name=value]", "negative");
        await page.ClickAsync("#rule-form button[type=submit]");
        await page.Locator("#rules tr[data-rule-id=river-mood]").WaitForAsync();

        await page.FillAsync("#word-form input[name=word]", "滹沱湾夜市");
        await page.FillAsync("#word-form input[name=tag]", "ns");
        await page.ClickAsync("#word-form button[type=submit]");
        await page.Locator("#words li[data-word=滹沱湾夜市]").WaitForAsync();
        Assert.Contains("滹沱湾夜市", _browser.App.Services.GetRequiredService<ITextSegmenter>().Cut("周末去滹沱湾夜市逛了逛", SegmentMode.Exact));
        Assert.Contains(_browser.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AlertOptions>>().Value.Rules, r => r.Id == "river-mood");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "admin-settings.png"), FullPage = true });

        // The token and quota column of the sources table.
        await page.WaitForSelectorAsync("body[data-loaded=true]");
        var quota = page.Locator("#sources tbody tr", new PageLocatorOptions { HasText = sourceId }).Locator("td").Last;
        await quota.WaitForAsync();
        var lines = await quota.Locator("div").AllTextContentsAsync();
        Assert.Contains(lines, l => l.StartsWith("令牌有效至 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("最近刷新 ", StringComparison.Ordinal) && l.EndsWith("（今日强制刷新 2 次）", StringComparison.Ordinal));
        Assert.Contains("cgi-bin/freepublish/batchget 今日 37 / 1000 次", lines);
        Assert.Contains("cgi-bin/comment/list 今日 1204 次", lines);
        Assert.DoesNotContain(lines, l => l.Contains("配额用尽", StringComparison.Ordinal));
        await quota.ScrollIntoViewIfNeededAsync();
        await page.Locator("#sources").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "admin-sources-token-quota.png") });
        await page.Context.CloseAsync();
        await schedule.RemoveAsync(sourceId, Token);
    }

    [Fact]
    public async Task AResponderSeesTheReplyWindowLooksACaseUpAndFindsA涉黑ReportSealed()
    {
        const string sealedText = "镇上有个恶势力团伙放高利贷套路贷，还打人，请扫黑办调查";
        var ordinaryId = NewId();
        var sealedId = NewId();
        await _browser.PostAsync(SignedDelivery.TextXml(ordinaryId, "菜市场门口的下水道堵了，污水漫到路上", "oDeskCitizen00000000000000001"));
        await _browser.PostAsync(SignedDelivery.TextXml(sealedId, sealedText, "oDeskCitizen00000000000000002"));
        var stored = await _browser.App.WaitForAnalysisAsync(2, Token);
        var ordinary = stored.Single(m => m.Message.SourceId == ordinaryId);

        var page = await SignInAsync("responder", "/queue");
        var row = page.Locator("#queue tbody tr", new PageLocatorOptions { HasText = "下水道堵了" });
        await row.WaitForAsync();
        Assert.Matches(@"剩 4[78](\.\d)? 小时 · 可发 5/5 条", await row.Locator("td.window").TextContentAsync());
        var sealedRow = page.Locator($"#queue tbody tr.sealed[data-case-number='{stored.Single(m => m.Message.SourceId == sealedId).CaseNumber}']");
        await sealedRow.WaitForAsync();
        Assert.Equal(SealedPath.Placeholder, await sealedRow.Locator("td.text").TextContentAsync());
        Assert.DoesNotContain("套路贷", await page.ContentAsync(), StringComparison.Ordinal);

        await page.FillAsync("#lookup-form input[name=number]", ordinary.CaseNumber);
        await page.ClickAsync("#lookup-form button[type=submit]");
        await page.Locator("#lookup-result", new PageLocatorOptions { HasText = "下水道堵了" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "responder-queue-window.png"), FullPage = true });
        await page.Context.CloseAsync();

        // Two citizens report the same broken lift: one answer (and one resolution) for both.
        const string lift = "幸福小区3号楼的电梯又坏了，八十岁的老人上不了楼，请物业尽快维修";
        await _browser.PostAsync(SignedDelivery.TextXml(NewId(), lift, "oDeskCitizen00000000000000003"));
        await _browser.PostAsync(SignedDelivery.TextXml(NewId(), lift + "！", "oDeskCitizen00000000000000004"));
        var lifts = (await _browser.App.WaitForAnalysisAsync(4, Token)).Where(m => m.Message.Text.StartsWith(lift, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lifts.Count);
        Assert.Equal(lifts[0].Analysis!.NearDuplicate!.ClusterId, lifts[1].Analysis!.NearDuplicate!.ClusterId);
        page = await SignInAsync("responder", "/queue");
        var liftRow = page.Locator("#queue tbody tr", new PageLocatorOptions { HasText = "电梯又坏了" }).First;
        await liftRow.Locator("button[data-action=reply-cluster]").ClickAsync();
        await page.Locator("#cluster-form ol li", new PageLocatorOptions { HasText = "电梯又坏了" }).Nth(1).WaitForAsync();
        await page.FillAsync("#cluster-form textarea", "物业已安排维修，今天下午恢复运行，期间可联系物业上门帮助老人。");
        await page.CheckAsync("#cluster-form input[name=resolve]");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "responder-cluster-reply.png"), FullPage = true });
        await page.ClickAsync("#cluster-send");
        await page.Locator("#status", new PageLocatorOptions { HasText = "办结 2 条" }).WaitForAsync();
        foreach (var member in lifts)
        {
            var stored2 = await _browser.App.Store.GetAsync(member.Id, Token);
            Assert.Equal(("resolved", true), (stored2!.Case!.Status, stored2.Case.FirstReplyAt is not null));
        }

        await page.Context.CloseAsync();

        var sealedPage = await SignInAsync("sealed", "/queue");
        await sealedPage.Locator("#queue tbody tr.sealed", new PageLocatorOptions { HasText = "套路贷" }).WaitForAsync();
        await sealedPage.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Screenshots, "sealed-queue.png"), FullPage = true });
        await sealedPage.Context.CloseAsync();
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string NewId() => Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);

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
        await page.WaitForSelectorAsync("body[data-loaded=true], body[data-settings=loaded]");
        return page;
    }
}
