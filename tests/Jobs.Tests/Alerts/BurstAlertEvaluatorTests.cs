using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Tests.Alerts;

public sealed class BurstAlertEvaluatorTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SyntheticBurstRaisesOneAlertWithItsReasonAndLink()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddBaselineAsync(2, 1, 3, 2);
        await world.AddAsync(AlertWorld.HourStart, 14, negative: 9);

        var digest = await world.Evaluator.EvaluateAsync(Token);

        var notice = Assert.Single(digest!.Notices);
        Assert.Equal(AlertKind.Fired, notice.Kind);
        Assert.Equal("'拆迁' 今日 14:00–15:00 14 条，同时段基线 2.0±0.7；其中负面 9 条", notice.Reason);
        Assert.Equal("/search?q=%E6%8B%86%E8%BF%81&from=2026-11-26T14%3A00%3A00%2B08%3A00&to=2026-11-26T15%3A00%3A00%2B08%3A00", notice.Link);
        Assert.Equal(14, notice.Count);
        Assert.Equal(2.0, notice.BaselineMean, 6);
    }

    [Fact]
    public async Task CountUnderTheBaselineThresholdStaysQuiet()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddBaselineAsync(6, 8, 7, 7);
        await world.AddAsync(AlertWorld.HourStart, 8);

        Assert.Null(await world.Evaluator.EvaluateAsync(Token));
    }

    [Fact]
    public async Task AQuietBaselineStillNeedsTheMinimumCount()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁", minimum: 5));
        await world.AddAsync(AlertWorld.HourStart, 4);

        Assert.Null(await world.Evaluator.EvaluateAsync(Token));
    }

    [Fact]
    public async Task ABurstDuringTheSpacingIsSilentAndAlertsAgainAfterIt()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddAsync(AlertWorld.HourStart, 10);
        Assert.NotNull(await world.Evaluator.EvaluateAsync(Token));

        await world.AddAsync(AlertWorld.HourStart.AddHours(1), 10);
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(1);
        Assert.Null(await world.Evaluator.EvaluateAsync(Token));

        await world.AddAsync(AlertWorld.HourStart.AddHours(6), 10);
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(6);
        Assert.Equal(AlertKind.Fired, Assert.Single((await world.Evaluator.EvaluateAsync(Token))!.Notices).Kind);
    }

    [Fact]
    public async Task ASnoozedRuleIsSilentUntilTheSnoozeEnds()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.State.SnoozeAsync("chaiqian", AlertWorld.EvaluatedAt.AddHours(2), Token);
        await world.AddAsync(AlertWorld.HourStart, 10);
        await world.AddAsync(AlertWorld.HourStart.AddHours(2), 10);

        Assert.Null(await world.Evaluator.EvaluateAsync(Token));
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(2);
        Assert.NotNull(await world.Evaluator.EvaluateAsync(Token));
    }

    [Fact]
    public async Task AFiringRuleThatFallsBackSendsOneRecovery()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddAsync(AlertWorld.HourStart, 10);
        await world.Evaluator.EvaluateAsync(Token);

        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(1);
        var recovery = Assert.Single((await world.Evaluator.EvaluateAsync(Token))!.Notices);
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(2);
        var after = await world.Evaluator.EvaluateAsync(Token);

        Assert.Equal(AlertKind.Recovered, recovery.Kind);
        Assert.Equal("恢复：'拆迁' 今日 15:00–16:00 0 条，同时段基线 0.0±0.0，已回落至阈值 5.0 以下", recovery.Reason);
        Assert.Null(after);
        Assert.False(Assert.Single(await world.State.StatesAsync(Token)).Firing);
    }

    [Fact]
    public async Task SeveralFiringRulesBecomeOneDigest()
    {
        using var world = new AlertWorld(
            AlertWorld.Keyword("chaiqian", "拆迁"),
            new AlertRule { Id = "chengjian", Split = AlertSplit.Topic, Value = "城建" },
            new AlertRule { Id = "negative", Split = AlertSplit.Sentiment, Value = "negative" });
        await world.AddAsync(AlertWorld.HourStart, 12, negative: 6);

        var digest = (await world.Evaluator.EvaluateAsync(Token))!;

        Assert.Equal(["chaiqian", "chengjian", "negative"], digest.Notices.Select(n => n.RuleId));
        Assert.Equal("舆情突发预警：3 条预警", digest.Title);
        Assert.Contains("话题“城建” 今日 14:00–15:00 12 条", digest.Markdown(), StringComparison.Ordinal);
        Assert.Contains("负面留言 今日 14:00–15:00 6 条，同时段基线 0.0±0.0\u0020[查看](/search?q=&from=", digest.Markdown(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardFeedListsWhatFiredNewestFirst()
    {
        using var world = new AlertWorld(AlertWorld.Keyword("chaiqian", "拆迁"));
        await world.AddAsync(AlertWorld.HourStart, 10);
        await world.Evaluator.EvaluateAsync(Token);
        world.Clock.Now = AlertWorld.EvaluatedAt.AddHours(1);
        await world.Evaluator.EvaluateAsync(Token);

        var listed = await world.State.ListAsync(AlertWorld.EvaluatedAt.AddDays(-1), AlertWorld.EvaluatedAt.AddDays(1), 10, Token);

        Assert.Equal([AlertKind.Recovered, AlertKind.Fired], listed.Select(n => n.Kind));
        Assert.StartsWith("'拆迁' 今日 14:00–15:00 10 条", listed[1].Reason, StringComparison.Ordinal);
    }
}
