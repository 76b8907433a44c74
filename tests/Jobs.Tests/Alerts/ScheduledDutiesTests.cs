using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Queries;
using Monitor.Ingest;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Briefs;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp.Sentiment;
using Quartz;

namespace Monitor.Jobs.Tests.Alerts;

/// <summary>
/// The alert evaluation and the briefs as they run in production: put into the SQLite job store by their schedules,
/// fired by the real Quartz scheduler, their messages received by a local HTTP server standing in for the robots.
/// </summary>
public sealed class ScheduledDutiesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BurstFiredByTheSchedulerReachesTheRobotOnceAndStaysQuietDuringTheSpacing()
    {
        await using var robot = await RobotReceiver.StartAsync();
        var clock = new ManualClock(AlertWorld.EvaluatedAt);
        await using var host = await JobsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:Rules:0:Id"] = "chaiqian",
            ["Alerts:Rules:0:Value"] = "拆迁",
            ["Alerts:Rules:0:MinimumCount"] = "5",
            ["Alerts:WeComWebhook"] = robot.Url("cgi-bin/webhook/send?key=k1").AbsoluteUri,
        }, clock);
        var runs = Listen(host, JobKeys.Duty(AlertEvaluationJob.Name));
        for (var week = 1; week <= 4; week++)
        {
            await AddAsync(host.Store, AlertWorld.HourStart.AddDays(-7 * week), 1 + (week % 2));
        }

        await AddAsync(host.Store, AlertWorld.HourStart, 14, negative: 9);
        await ScheduleAlertsAsync(host);

        await FireAsync(host, runs, JobKeys.Duty(AlertEvaluationJob.Name), 1);

        var (path, body) = Assert.Single(robot.Posts);
        Assert.Equal("/cgi-bin/webhook/send?key=k1", path);
        var markdown = JsonNode.Parse(body)!["markdown"]!["content"]!.GetValue<string>();
        Assert.Contains("1 条预警", markdown, StringComparison.Ordinal);
        Assert.Contains("拆迁", markdown, StringComparison.Ordinal);
        Assert.Contains("14 条", markdown, StringComparison.Ordinal);
        var logged = Assert.Single(await host.Services.GetRequiredService<IAlertFeed>().ListAsync(AlertWorld.HourStart, clock.Now.AddHours(1), 10, Token));
        Assert.Equal("chaiqian", logged.RuleId);

        // An hour later the burst goes on: within the six-hour spacing the rule stays quiet.
        await AddAsync(host.Store, AlertWorld.HourStart.AddHours(1), 15);
        clock.Now = AlertWorld.EvaluatedAt.AddHours(1);
        await FireAsync(host, runs, JobKeys.Duty(AlertEvaluationJob.Name), 2);
        Assert.Single(robot.Posts);
    }

    [Fact]
    public async Task IngestAlertsAndSourceSilenceReachTheRobotsOnceEach()
    {
        await using var robot = await RobotReceiver.StartAsync();
        var clock = new ManualClock(AlertWorld.EvaluatedAt);
        await using var host = await JobsHost.StartAsync(new Dictionary<string, string?>
        {
            ["Alerts:WeComWebhook"] = robot.Url("wecom/send?key=k1").AbsoluteUri,
            ["Alerts:DingTalkWebhook"] = robot.Url("dingtalk/send?access_token=t1").AbsoluteUri,
        }, clock);
        var runs = Listen(host, JobKeys.Duty(AlertEvaluationJob.Name));
        var state = host.Services.GetRequiredService<SourceStateStore>();
        var now = clock.Now;
        await state.RecordSuccessAsync("zd-articles", SourceKinds.WeChatArticles, 3, now.AddHours(-30), Token);
        await state.AddAlertAsync(new IngestAlert("zd-articles", now.AddMinutes(-20), 40164, "AlertAdmin", "invalid ip 203.0.113.7, not in whitelist"), Token);
        await state.AddAlertAsync(new IngestAlert("zd-articles", now.AddMinutes(-10), 40164, "AlertAdmin", "invalid ip 203.0.113.7, not in whitelist"), Token);
        await state.AddAlertAsync(new IngestAlert("zd-comments", now.AddMinutes(-5), 45009, "StopUntilTomorrow", "reach max api daily quota limit"), Token);
        await ScheduleAlertsAsync(host);

        await FireAsync(host, runs, JobKeys.Duty(AlertEvaluationJob.Name), 1);

        Assert.Equal(2, robot.Posts.Count);
        var wecom = Markdown(robot.Posts.Single(p => p.PathAndQuery.StartsWith("/wecom", StringComparison.Ordinal)).Body);
        Assert.Contains(robot.Posts, p => p.PathAndQuery.StartsWith("/dingtalk", StringComparison.Ordinal) && p.Body.Contains("40164", StringComparison.Ordinal));
        Assert.Contains("3 条预警", wecom, StringComparison.Ordinal);
        Assert.Contains("'zd-articles' 已 30 小时没有成功抓取", wecom, StringComparison.Ordinal);
        Assert.Contains("抓取出错 40164（需管理员处理", wecom, StringComparison.Ordinal);
        Assert.Contains("抓取出错 45009（今日配额已用尽", wecom, StringComparison.Ordinal);
        Assert.Contains("/admin?source=zd-comments", wecom, StringComparison.Ordinal);
        // The same refused IP ten minutes later is one problem, not two lines.
        Assert.Equal(1, CountOf(wecom, "40164"));

        // Next hour: nothing new, the silence within its spacing: no message. Seven hours on, the IP is refused again.
        clock.Now = now.AddHours(1);
        await FireAsync(host, runs, JobKeys.Duty(AlertEvaluationJob.Name), 2);
        Assert.Equal(2, robot.Posts.Count);
        clock.Now = now.AddHours(7);
        await state.RecordSuccessAsync("zd-articles", SourceKinds.WeChatArticles, 1, clock.Now.AddMinutes(-3), Token);
        await state.AddAlertAsync(new IngestAlert("zd-articles", clock.Now.AddMinutes(-1), 40164, "AlertAdmin", "invalid ip 203.0.113.7, not in whitelist"), Token);
        await FireAsync(host, runs, JobKeys.Duty(AlertEvaluationJob.Name), 3);
        // Once, under load, the last WeCom message read here was still the first one although three runs had
        // completed (cause not confirmed); wait for the second WeCom message rather than read whichever is last.
        await Eventually.TrueAsync(() => robot.Posts.Count(p => p.PathAndQuery.StartsWith("/wecom", StringComparison.Ordinal)) >= 2, "the second WeCom message arrived");
        var third = Markdown(robot.Posts.Where(p => p.PathAndQuery.StartsWith("/wecom", StringComparison.Ordinal)).Last().Body);
        Assert.Contains("40164", third, StringComparison.Ordinal);
        Assert.Contains("【恢复】", third, StringComparison.Ordinal);
        Assert.DoesNotContain("45009", third, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DailyBriefFiredByTheSchedulerIsWrittenAndTheSameOnASecondFire()
    {
        await using var host = await JobsHost.StartAsync();
        var runs = Listen(host, JobKeys.Duty(BriefJob.DailyName));
        var period = BriefPeriod.LastComplete(BriefKind.Daily, DateTimeOffset.UtcNow);
        await AddAsync(host.Store, period.From.AddHours(10), 12, negative: 5);
        await AddAsync(host.Store, period.From.AddHours(-14), 4, negative: 1);
        var briefs = host.Services.GetRequiredService<IOptions<BriefOptions>>().Value;
        await BriefSchedule.ScheduleAsync(host.Scheduler, briefs, new SchedulerOptions(), Token);

        await FireAsync(host, runs, JobKeys.Duty(BriefJob.DailyName), 1);

        var html = Path.Combine(host.DataDirectory, briefs.Folder, period.Stem + ".html");
        Assert.True(File.Exists(html), $"{html} was not written");
        Assert.True(File.Exists(Path.ChangeExtension(html, ".xlsx")));
        var first = await File.ReadAllBytesAsync(html, Token);
        var text = System.Text.Encoding.UTF8.GetString(first);
        Assert.Contains("<td>分析留言总量</td><td><a href=", text, StringComparison.Ordinal);
        Assert.Contains(">12</a></td>", text, StringComparison.Ordinal);
        Assert.Contains("+8（+200.0%）", text, StringComparison.Ordinal);

        await FireAsync(host, runs, JobKeys.Duty(BriefJob.DailyName), 2);
        Assert.Equal(first, await File.ReadAllBytesAsync(html, Token));
    }

    private static CompletedRuns Listen(JobsHost host, JobKey job)
    {
        var runs = new CompletedRuns();
        host.Scheduler.ListenerManager.AddJobListener(runs, [Matchers.Key(job)]);
        return runs;
    }

    private static async Task ScheduleAlertsAsync(JobsHost host) =>
        await AlertSchedule.ScheduleAsync(host.Scheduler, host.Services.GetRequiredService<IOptions<AlertOptions>>().Value, new SchedulerOptions(), Token);

    /// <summary>Fires the job through the scheduler and waits for its <paramref name="run"/>th completion, which must not have failed.</summary>
    private static async Task FireAsync(JobsHost host, CompletedRuns runs, JobKey job, int run)
    {
        await host.Scheduler.TriggerJob(job, Token);
        await Eventually.TrueAsync(() => runs.Of(job) >= run, $"run {run} of {job} completed");
        Assert.Empty(runs.Failures);
    }

    private static string Markdown(string body) => JsonNode.Parse(body)!["markdown"]!["content"]!.GetValue<string>();

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static int _next;

    /// <summary>Stores <paramref name="count"/> analysed messages about 拆迁 at <paramref name="time"/>, the first <paramref name="negative"/> negative.</summary>
    private static async Task AddAsync(IMessageStore store, DateTimeOffset time, int count, int negative = 0)
    {
        var messages = Enumerable.Range(0, count).Select(i => new Message
        {
            SourceKind = "wechat",
            SourceId = "s" + Interlocked.Increment(ref _next),
            Account = "gh_test",
            Author = "p" + (i % 5),
            Time = time.AddMinutes(i % 50),
            Text = "强制拆迁补偿" + _next,
        }).ToList();
        await store.IngestBatchAsync(messages, Token);
        var ids = (await store.ExportAsync(Token).ToListAsync(Token)).ToDictionary(m => m.Message.SourceId, m => m.Id);
        await store.SaveAnalysesAsync(
            [.. messages.Select((m, i) => new AnalysisResult
            {
                MessageId = ids[m.SourceId],
                Tokens = ["强制", "拆迁", "补偿"],
                Sentiment = SentimentPrediction.FromPositiveProbability(i < negative ? 0.1 : 0.9),
                Topic = new ScoredLabel("城建", 0.9),
                ModelVersion = "test",
                DictionaryVersion = "test",
                AnalysedAt = time,
            })],
            Token);
    }
}
