using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Cases;
using Monitor.Index.Queries;
using Monitor.Index.Signals;
using Monitor.Jobs.Pipeline;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Tests.Pipeline;

/// <summary>
/// Issue 5 item 6 through the real pipeline on a real SQLite file: repeated contact by the same pseudonym and a
/// growing near-duplicate cluster reach the stored urgency with their evidence, and a cluster's still-open members
/// move up the responders' queue as it grows.
/// </summary>
public sealed class UrgencySignalsPipelineTests : IDisposable
{
    /// <summary>A copy-paste complaint; the reposts differ only in what the near-duplicate linker ignores.</summary>
    private const string Campaign = "强烈要求整治城关镇滨河路夜市占道经营，噪音扰民，垃圾遍地，居民苦不堪言！";

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private readonly TestStore _store = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheThirdMessageFromOnePseudonymCarriesRepeatedContactWithItsEvidence()
    {
        // Outside the 30-day window of every later message; then two in one batch (the second must count the first,
        // which is not analysed yet), then the third alone. Other people, a page by the same name and an anonymous
        // message do not count.
        await _store.AddAsync("old", "去年反映过的小区绿化带问题，现在怎么样了", "u_zhang", Now.AddDays(-60));
        await _store.AddAsync("first", "请问新生儿医保怎么办理？需要带哪些材料？", "u_zhang", Now.AddDays(-20));
        await _store.AddAsync("other", "公积金提取需要多长时间到账？", "u_li", Now.AddDays(-19));
        await _store.AddAsync("page", "城南菜市场的营业时间公告", "u_zhang", Now.AddDays(-18), sourceKind: "page");
        await _store.AddAsync("second", "上次问的医保材料，社区说还要户口本，是真的吗？", "u_zhang", Now.AddDays(-10));
        await Pipeline().DrainAsync(Token);
        await _store.AddAsync("third", "新生儿医保的事到底去哪个窗口办理？", "u_zhang", Now);
        await _store.AddAsync("anonymous", "城关镇的社保窗口周六上班吗？", null, Now);
        await Pipeline().DrainAsync(Token);

        var stored = await StoredAsync();
        Assert.Null(Reason(stored["old"], UrgencyFactors.RepeatedContact));
        Assert.Null(Reason(stored["first"], UrgencyFactors.RepeatedContact));
        Assert.Null(Reason(stored["other"], UrgencyFactors.RepeatedContact));
        Assert.Null(Reason(stored["anonymous"], UrgencyFactors.RepeatedContact));
        Assert.Equal("repeated contact（1 earlier message）+8", Reason(stored["second"], UrgencyFactors.RepeatedContact));
        Assert.Equal("repeated contact（2 earlier messages）+16", Reason(stored["third"], UrgencyFactors.RepeatedContact));
        // The points are in the score: the same words from someone writing for the first time score 16 less.
        var firstTime = Models.Understanding(Models.Sentiment).Understand(
            new Nlp.Classification.TextInput(stored["third"].Message.Text, Models.Segmenter.Cut(stored["third"].Message.Text)));
        Assert.Equal(Math.Min(100, firstTime.Urgency.Score + 16), stored["third"].Analysis!.Urgency!.Score);
    }

    [Fact]
    public async Task AGrowingClusterRaisesItsOpenMembersWithTheGrowingClusterReasonAndMovesThemUpTheQueue()
    {
        // Three members days apart (each joins within its own day: a small growth), one of them resolved, and other
        // open cases with urgency around the campaign's.
        await _store.AddAsync("p1", Campaign, "u_1", Now.AddDays(-10));
        await _store.AddAsync("p2", Campaign + "转发", "u_2", Now.AddDays(-6));
        await _store.AddAsync("p3", "转：" + Campaign, "u_3", Now.AddDays(-3));
        string[] fillers =
        [
            "幸福小区停水了，请尽快恢复。", "投诉：幸福小区停水两天，物业不管。", "投诉幸福小区物业乱收费，业主意见很大，请尽快处理。",
            "红星路的井盖丢了，存在安全隐患，请尽快处理。", "幸福小区停水三天了，老人孩子没水喝，请尽快恢复供水。",
        ];
        for (var i = 0; i < fillers.Length; i++)
        {
            await _store.AddAsync("f" + i, fillers[i], "u_f" + i, Now.AddDays(-2));
        }

        await Pipeline().DrainAsync(Token);
        var before = await StoredAsync();
        Assert.True(await ResolveAsync(before["p2"].Id));
        var queueBefore = await QueueAsync();

        // Four reposts today against three members before: the cluster grew by 133 %.
        await _store.AddAsync("n1", Campaign + "！！", "u_4", Now.AddHours(-3));
        await _store.AddAsync("n2", Campaign + "转发", "u_5", Now.AddHours(-2));
        await _store.AddAsync("n3", "转发：" + Campaign, "u_6", Now.AddHours(-1));
        await _store.AddAsync("n4", Campaign, "u_7", Now);
        await Pipeline().DrainAsync(Token);
        var after = await StoredAsync();

        const string grown = "growing cluster（cluster grew 133 %）+15";
        foreach (var id in new[] { "n1", "n2", "n3", "n4" })
        {
            Assert.Equal(after["p1"].Analysis!.NearDuplicate!.ClusterId, after[id].Analysis!.NearDuplicate!.ClusterId);
            Assert.Equal(grown, Reason(after[id], UrgencyFactors.GrowingCluster));
        }

        foreach (var id in new[] { "p1", "p3" })
        {
            var earlier = Points(Reason(before[id], UrgencyFactors.GrowingCluster));
            Assert.True(earlier < 15, $"{id} had {earlier} growth points before");
            Assert.Equal(grown, Reason(after[id], UrgencyFactors.GrowingCluster));
            Assert.Single(after[id].Analysis!.Urgency!.Reasons, r => r.StartsWith(UrgencyFactors.GrowingCluster, StringComparison.Ordinal));
            Assert.Equal(Math.Min(100, before[id].Analysis!.Urgency!.Score - earlier + 15), after[id].Analysis!.Urgency!.Score);
            // Everything else the analysis said is untouched.
            Assert.Equal(
                before[id].Analysis!.Urgency!.Reasons.Where(r => !r.StartsWith(UrgencyFactors.GrowingCluster, StringComparison.Ordinal)),
                after[id].Analysis!.Urgency!.Reasons.Where(r => !r.StartsWith(UrgencyFactors.GrowingCluster, StringComparison.Ordinal)));
        }

        // The resolved member is left as it was.
        AssertSame(before["p2"], after["p2"]);

        // The queue (read through its index) puts the raised member ahead of cases that outranked it before.
        var queueAfter = await QueueAsync();
        static int FillersAhead(IReadOnlyList<StoredMessage> queue, string id) =>
            queue.TakeWhile(m => m.Message.SourceId != id).Count(m => m.Message.SourceId.StartsWith('f'));
        Assert.True(FillersAhead(queueBefore, "p3") > 0, "the test needs a case ahead of p3 before the cluster grows");
        Assert.True(
            FillersAhead(queueAfter, "p3") < FillersAhead(queueBefore, "p3"),
            $"p3 ({after["p3"].Analysis!.Urgency!.Score}) should pass a case: before {string.Join(", ", queueBefore.Select(m => m.Message.SourceId))}");
        Assert.Equal(queueAfter.Select(m => m.Analysis!.Urgency!.Score).OrderDescending(), queueAfter.Select(m => m.Analysis!.Urgency!.Score));
        Assert.Equal("ok", await IntegrityAsync());
    }

    [Fact]
    public async Task RaisingMembersIsBoundedPerBatchNewestFirst()
    {
        await _store.AddAsync("p1", Campaign, "u_1", Now.AddDays(-10));
        await _store.AddAsync("p2", Campaign + "转发", "u_2", Now.AddDays(-6));
        await _store.AddAsync("p3", "转：" + Campaign, "u_3", Now.AddDays(-3));
        await Pipeline().DrainAsync(Token);
        var before = await StoredAsync();

        for (var i = 0; i < 4; i++)
        {
            await _store.AddAsync("n" + i, Campaign + new string('！', i), "u_n" + i, Now.AddMinutes(-i));
        }

        await Pipeline(new UrgencyContextOptions { MaxMemberUpdatesPerBatch = 1 }).DrainAsync(Token);
        var after = await StoredAsync();

        Assert.NotEqual(Text(before["p3"]), Text(after["p3"]));
        AssertSame(before["p2"], after["p2"]);
        AssertSame(before["p1"], after["p1"]);
    }

    [Fact]
    public async Task AMemberIsNeverLoweredWhenItsClusterGrowsMoreSlowly()
    {
        // Four reposts in one day, then one more a week later against eight before it: a small growth that must not
        // take back what the burst gave the still-open members.
        for (var i = 0; i < 4; i++)
        {
            await _store.AddAsync("old" + i, Campaign + new string('！', i), "u_o" + i, Now.AddDays(-20).AddMinutes(i));
        }

        for (var i = 0; i < 4; i++)
        {
            await _store.AddAsync("burst" + i, Campaign + new string('？', i + 1), "u_b" + i, Now.AddDays(-7).AddMinutes(i));
        }

        await Pipeline().DrainAsync(Token);
        var before = await StoredAsync();
        await _store.AddAsync("late", Campaign + "转发", "u_late", Now);
        await Pipeline().DrainAsync(Token);
        var after = await StoredAsync();

        Assert.Equal(2, Points(Reason(after["late"], UrgencyFactors.GrowingCluster)));
        Assert.All(Enumerable.Range(0, 4), i => AssertSame(before["burst" + i], after["burst" + i]));
        Assert.True(Points(Reason(after["burst3"], UrgencyFactors.GrowingCluster)) > 2);
    }

    [Theory]
    [InlineData(1, 0, 3, 0)] // a message alone in its cluster
    [InlineData(2, 0, 3, 1.0 / 3)] // a new message and one repost
    [InlineData(4, 0, 3, 1.0)]
    [InlineData(4, 3, 3, 4.0 / 3)]
    [InlineData(1, 10, 3, 0.1)] // one more member of a large, quiet cluster
    [InlineData(0, 5, 3, 0)]
    public void GrowthIsNewMembersOverTheMembersBeforeTheWindow(int recent, int earlier, int floor, double expected) =>
        Assert.Equal(expected, UrgencyContext.Growth(recent, earlier, floor), 6);

    [Fact]
    public void AStoredAssessmentThatDoesNotAddUpIsLeftAlone()
    {
        var context = Context(new UrgencyContextOptions());
        var consistent = new UrgencyAssessment(41, ["pollution or crime（service:污染举报）+25", "anger or fear（angry 0.85、fear 0.00）+6", "growing cluster（cluster grew 33 %）+5"]);
        var handEdited = consistent with { Score = 90 };
        var unparsed = new UrgencyAssessment(41, ["made by another tool"]);

        var raised = context.WithGrowth(consistent, 1.0);

        string[] expected = ["pollution or crime（service:污染举报）+25", "growing cluster（cluster grew 100 %）+15", "anger or fear（angry 0.85、fear 0.00）+6"];
        Assert.Equal(expected, raised!.Reasons);
        Assert.Equal(51, raised.Score);
        Assert.Null(context.WithGrowth(consistent, 0.2));
        Assert.Null(context.WithGrowth(handEdited, 1.0));
        Assert.Null(context.WithGrowth(unparsed, 1.0));
    }

    public void Dispose() => _store.Dispose();

    private static string? Reason(StoredMessage message, string factor) =>
        message.Analysis!.Urgency!.Reasons.SingleOrDefault(r => r.StartsWith(factor + "（", StringComparison.Ordinal));

    private static string Text(StoredMessage message) =>
        message.Analysis!.Urgency!.Score + " " + string.Join(" | ", message.Analysis.Urgency.Reasons);

    private static void AssertSame(StoredMessage before, StoredMessage after) => Assert.Equal(Text(before), Text(after));

    private static int Points(string? reason) => reason is null ? 0 : int.Parse(reason[(reason.LastIndexOf('+') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    private static UrgencyContext Context(UrgencyContextOptions options, IMessageStore? store = null) =>
        new(store as IUrgencySignals, UrgencyScorerFactory.Create(), Options.Create(options), NullLogger<UrgencyContext>.Instance);

    private AnalysisPipeline Pipeline(UrgencyContextOptions? options = null) => new(
        _store.Store,
        Models.Segmenter,
        Models.Understanding(Models.Sentiment),
        new NearDuplicateClusters(_store.Store, TimeProvider.System),
        TimeProvider.System,
        NullLogger<AnalysisPipeline>.Instance,
        options is null ? null : Context(options, _store.Store));

    private async Task<Dictionary<string, StoredMessage>> StoredAsync() =>
        (await _store.Store.LatestAsync(100, null, Token)).ToDictionary(m => m.Message.SourceId);

    private Task<IReadOnlyList<StoredMessage>> QueueAsync() =>
        IndexServiceCollectionExtensions.OpenSqliteQueries(Path.Combine(_store.Directory, "monitor.db")).UrgentQueueAsync(MessageFilter.All, 100, Token);

    private async Task<bool> ResolveAsync(long id)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:DataDirectory"] = _store.Directory }).Build();
        await using var services = new ServiceCollection().AddIndex(configuration).BuildServiceProvider();
        return await services.GetRequiredService<ICaseWorkflow>().ResolveAsync(id, Now, Token);
    }

    private async Task<string> IntegrityAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_store.Directory, "monitor.db")}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }
}
