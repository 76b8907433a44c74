using Microsoft.Data.Sqlite;
using Monitor.Index.Signals;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Ingest;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>The store side of urgency's repeated-contact and growing-cluster signals, on a real SQLite file.</summary>
public sealed class SqliteUrgencySignalsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TempDataFolder _folder = new();
    private readonly SqliteMessageStore _store;
    private readonly SqliteCaseWorkflow _cases;

    public SqliteUrgencySignalsTests()
    {
        _store = new SqliteMessageStore(_folder.DatabasePath);
        _cases = new SqliteCaseWorkflow(_folder.DatabasePath);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task EarlierContactsCountTheAuthorsCitizenMessagesInTheWindowBeforeEachMessage()
    {
        var ids = await IngestAsync(
            ("before-window", "u_a", T0.AddDays(-31), "wechat"),
            ("a1", "u_a", T0.AddDays(-29), "wechat"),
            ("a-page", "u_a", T0.AddDays(-5), "page"),
            ("b1", "u_b", T0.AddDays(-2), "wechat"),
            ("a2", "u_a", T0, "wechat-comment"),
            ("a3", "u_a", T0, "import"),
            ("nobody", null, T0, "wechat"));

        var history = await _store.ContactHistoryAsync([ids["a1"], ids["a2"], ids["a3"], ids["b1"], ids["a-page"], ids["nobody"]], TimeSpan.FromDays(30), 10, Token);

        Assert.Equal(1, history[ids["a1"]].EarlierContacts); // two days after before-window
        Assert.Equal(1, history[ids["a2"]].EarlierContacts); // a1 only: before-window is 31 days back
        Assert.Equal(2, history[ids["a3"]].EarlierContacts); // same time as a2: stored after it
        Assert.Equal(0, history[ids["b1"]].EarlierContacts);
        Assert.Equal(0, history[ids["a-page"]].EarlierContacts); // not a citizen's message
        Assert.Equal(0, history[ids["nobody"]].EarlierContacts);
        Assert.Equal(T0, history[ids["a2"]].Time);
        Assert.Equal(1, (await _store.ContactHistoryAsync([ids["a3"]], TimeSpan.FromDays(30), 1, Token))[ids["a3"]].EarlierContacts);
    }

    [Fact]
    public async Task ClusterActivityCountsStoredMembersAroundTheNewestOneLeavingOutTheCallersBatch()
    {
        var ids = await IngestAsync(
            ("c1", "u_1", T0.AddDays(-5), "wechat"), ("c2", "u_2", T0.AddDays(-3), "wechat"), ("c3", "u_3", T0.AddHours(-5), "wechat"),
            ("c4", "u_4", T0.AddHours(-1), "wechat"), ("batch", "u_5", T0.AddHours(-2), "wechat"), ("d1", "u_6", T0.AddDays(-1), "wechat"));
        await SaveAsync(ids, ("c1", 1), ("c2", 1), ("c3", 1), ("c4", 1), ("batch", 1), ("d1", 2));

        var activity = await _store.ClusterActivityAsync(
            new Dictionary<long, DateTimeOffset> { [1] = T0.AddHours(-2), [2] = T0, [3] = T0 }, [ids["batch"]], TimeSpan.FromDays(1), Token);

        // Cluster 1: its newest stored member (c4) is later than the caller's; c3 and c4 in the day before it.
        Assert.Equal(new ClusterActivity(T0.AddHours(-1), 2, 2), activity[1]);
        // Cluster 2: the caller's member is the newest; d1 is exactly a day before it, so before the window.
        Assert.Equal(new ClusterActivity(T0, 0, 1), activity[2]);
        Assert.Equal(new ClusterActivity(T0, 0, 0), activity[3]);
    }

    [Fact]
    public async Task OpenMembersAreTheNewestUnresolvedOnesAndAnUpdateOnlyTouchesWhatWasRead()
    {
        var ids = await IngestAsync(
            ("m1", "u_1", T0.AddDays(-4), "wechat"), ("m2", "u_2", T0.AddDays(-3), "wechat"), ("m3", "u_3", T0.AddDays(-2), "wechat"),
            ("m4", "u_4", T0.AddDays(-1), "wechat"), ("article", null, T0, "wechat-article"));
        await SaveAsync(ids, ("m1", 7), ("m2", 7), ("m3", 7), ("m4", 7), ("article", 7));
        await _cases.ResolveAsync(ids["m3"], T0, Token);

        var members = await _store.OpenClusterMembersAsync([7], [ids["m4"]], 2, Token);

        Assert.Equal([ids["m2"], ids["m1"]], members.Select(m => m.MessageId).Order().Reverse());
        var m2 = members.Single(m => m.MessageId == ids["m2"]);
        Assert.Equal(30, m2.Urgency.Score);
        var raised = new UrgencyAssessment(45, ["growing cluster（cluster grew 100 %）+15", .. m2.Urgency.Reasons]);
        var stale = new UrgencyAssessment(29, m2.Urgency.Reasons);
        await _cases.ResolveAsync(ids["m1"], T0, Token);

        var changed = await _store.UpdateUrgencyAsync(
            [new UrgencyUpdate(ids["m2"], raised, m2.Urgency), new UrgencyUpdate(ids["m4"], raised, stale), new UrgencyUpdate(ids["m1"], raised, m2.Urgency)],
            Token);

        Assert.Equal(1, changed);
        var stored = (await _store.LatestAsync(10, null, Token)).ToDictionary(m => m.Message.SourceId);
        Assert.Equal(45, stored["m2"].Analysis!.Urgency!.Score);
        Assert.Equal(raised.Reasons, stored["m2"].Analysis!.Urgency!.Reasons);
        Assert.Equal(30, stored["m4"].Analysis!.Urgency!.Score);
        Assert.Equal(30, stored["m1"].Analysis!.Urgency!.Score);
    }

    [Theory]
    [InlineData(SqliteMessageStore.ContactHistorySql, "analyses_author")]
    [InlineData(SqliteMessageStore.ClusterActivitySql, "analyses_cluster")]
    [InlineData(SqliteMessageStore.OpenClusterMembersSql, "analyses_cluster")]
    public async Task EverySignalQueryWalksAnIndex(string sql, string index)
    {
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$ids", "$excluded", "$clusters" })
        {
            command.Parameters.AddWithValue(name, "[1,2]");
        }

        command.Parameters.AddWithValue("$probes", "{\"1\":0}");
        command.Parameters.AddWithValue("$window", 1000);
        command.Parameters.AddWithValue("$cap", 10);
        command.Parameters.AddWithValue("$per", 10);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("INDEX " + index, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN a", StringComparison.Ordinal) || step.StartsWith("SCAN e", StringComparison.Ordinal) || step.StartsWith("SCAN m", StringComparison.Ordinal));
    }

    private async Task<Dictionary<string, long>> IngestAsync(params (string SourceId, string? Author, DateTimeOffset Time, string SourceKind)[] messages)
    {
        await _store.IngestBatchAsync(
            [.. messages.Select(m => new Message { SourceKind = m.SourceKind, SourceId = m.SourceId, Account = "gh_test", Author = m.Author, Time = m.Time, Text = "小区噪音扰民" })],
            Token);
        var ids = new Dictionary<string, long>();
        await foreach (var stored in _store.ExportAsync(Token))
        {
            ids[stored.Message.SourceId] = stored.Id;
        }

        return ids;
    }

    private Task SaveAsync(Dictionary<string, long> ids, params (string SourceId, long Cluster)[] members) =>
        _store.SaveAnalysesAsync(
            [.. members.Select(m => new AnalysisResult
            {
                MessageId = ids[m.SourceId],
                Tokens = ["小区", "噪音", "扰民"],
                Sentiment = SentimentPrediction.FromPositiveProbability(0.1),
                ModelVersion = "m",
                DictionaryVersion = "d",
                AnalysedAt = T0,
                Urgency = new UrgencyAssessment(30, ["pollution or crime（service:污染举报）+25"]),
                NearDuplicate = new NearDuplicate(1, m.Cluster),
            })],
            Token);
}
