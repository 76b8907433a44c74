using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Index.Corrections;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Ingest;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// Retention on real SQLite files: a store that received old and recent messages and was purged must answer every
/// question exactly as a store that only ever received the recent ones.
/// </summary>
public sealed class SqliteRetentionTests : IDisposable
{
    private static readonly DateTimeOffset OldArrival = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RecentArrival = new(2025, 6, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    // (id, day of the message in March 2025, text tokens, sentiment, topic, emotion, cluster key, old?)
    private static readonly (string Id, int Day, string Tokens, string Sentiment, string Topic, string Emotion, long Cluster, bool Old)[] Rows =
    [
        ("o1", 3, "河道 污染 严重 排污口", "negative", "环保", "angry", 1, true),
        ("o2", 3, "路灯 损坏 夜间", "negative", "城乡建设", "sad", 2, true),
        ("o3", 4, "感谢 社区 服务", "positive", "民政", "happy", 3, true),
        ("o4", 5, "河道 污染 又是 排污口", "negative", "环保", "angry", 1, true),
        ("o5", 6, "旧闻 只有 过去 提到", "negative", "交通", "fear", 5, true),
        ("n1", 3, "河道 污染 仍然 严重", "negative", "环保", "angry", 1, false),
        ("n2", 4, "感谢 社区 帮助", "positive", "民政", "happy", 3, false),
        ("n3", 5, "路灯 修好 感谢", "positive", "城乡建设", "happy", 8, false),
        ("n4", 5, "河道 污染 排污口 举报", "negative", "环保", "angry", 1, false),
    ];

    private readonly TempDataFolder _purged = new();
    private readonly TempDataFolder _fresh = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _purged.Dispose();
        _fresh.Dispose();
    }

    /// <param name="folded">Whether the keywords were folded into the blocks before the purge (it takes them out
    /// again) or were still queued (the purge takes them off the queue).</param>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PurgedStoreAnswersEveryQuestionAsAStoreThatNeverHadTheOldMessages(bool folded)
    {
        using var purged = new SqliteMessageStore(_purged.DatabasePath);
        using var fresh = new SqliteMessageStore(_fresh.DatabasePath);
        var purgedIds = await FillAsync(purged, Rows);
        var freshIds = await FillAsync(fresh, Rows.Where(r => !r.Old).ToArray());
        if (folded)
        {
            Assert.Equal(Rows.Length, await purged.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token));
            await fresh.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);
            Assert.NotEmpty(Dump(_purged.DatabasePath, "SELECT * FROM term_blocks"));
        }
        await purged.IngestAsync(Delivery(OldArrival, "garbage-old"), null, Token);
        await purged.IngestAsync(Delivery(RecentArrival, "garbage-new"), null, Token);
        await fresh.IngestAsync(Delivery(RecentArrival, "garbage-new"), null, Token);
        await purged.CorrectAsync(purgedIds["o1"], LabelTasks.Emotion, "fear", "responder", RecentArrival, Token);
        await purged.CorrectAsync(purgedIds["n1"], LabelTasks.Emotion, "sad", "responder", RecentArrival, Token);
        var before = await purged.CountAsync(Token);

        var removed = new List<StoredMessage>();
        var deliveries = 0;
        var batches = 0;
        while (true)
        {
            var batch = await purged.PurgeReceivedBeforeAsync(Cutoff, 2, Token);
            removed.AddRange(batch.Removed);
            deliveries += batch.DeliveriesRemoved;
            batches++;
            if (batch.Finished)
            {
                break;
            }

            Assert.True(batches < 20, "the purge does not finish");
        }

        Assert.Equal(["o1", "o2", "o3", "o4", "o5"], removed.Select(m => m.Message.SourceId).Order());
        Assert.True(batches >= 3, $"5 messages in batches of 2 took {batches} batch(es)");
        Assert.Equal(6, deliveries);
        var after = await purged.CountAsync(Token);
        Assert.Equal(before.Messages - 5, after.Messages);
        Assert.Equal(await fresh.CountAsync(Token), after);

        // The aggregates the charts and keywords read are what the fresh store computed, row for row.
        foreach (var table in new[]
        {
            "SELECT day, dim, value, account, source_kind, n FROM daily_counts ORDER BY 1, 2, 3, 4, 5",
            "SELECT level, block, term, n FROM term_blocks WHERE n <> 0 ORDER BY 1, 2, 3",
            "SELECT t.account, b.level, b.block, b.term, b.n FROM account_term_blocks b JOIN term_accounts t ON t.id = b.account_id WHERE n <> 0 ORDER BY 1, 2, 3, 4",
            "SELECT a.account, q.time FROM term_backlog q JOIN analyses a ON a.message_id = q.message_id ORDER BY 1, 2",
        })
        {
            Assert.Equal(Dump(_fresh.DatabasePath, table), Dump(_purged.DatabasePath, table));
        }

        Assert.NotEmpty(Dump(_fresh.DatabasePath, "SELECT * FROM daily_counts"));
        Assert.Empty(Dump(_purged.DatabasePath, "SELECT * FROM daily_counts WHERE n <= 0"));

        var q1 = new SqliteMessageQueries(_purged.DatabasePath);
        var q2 = new SqliteMessageQueries(_fresh.DatabasePath);
        var march = new MessageFilter { From = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)), To = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(8)) };
        foreach (var split in Enum.GetValues<CountSplit>())
        {
            Assert.Equal(await q2.CountOverTimeAsync(march, TimeBucket.Day, split, Token), await q1.CountOverTimeAsync(march, TimeBucket.Day, split, Token));
        }

        Assert.Equal(await q2.CountOverTimeAsync(march with { Topic = "环保" }, TimeBucket.Day, CountSplit.Sentiment, Token),
            await q1.CountOverTimeAsync(march with { Topic = "环保" }, TimeBucket.Day, CountSplit.Sentiment, Token));
        Assert.Equal(await q2.TopKeywordsAsync(march, 20, Token), await q1.TopKeywordsAsync(march, 20, Token));
        Assert.Equal(await q2.TopKeywordsAsync(march with { Account = "gh_test" }, 20, Token), await q1.TopKeywordsAsync(march with { Account = "gh_test" }, 20, Token));
        Assert.Contains(new TermCount("河道", 2), await q1.TopKeywordsAsync(march, 20, Token));
        Assert.Equal(Texts(await q2.UrgentQueueAsync(MessageFilter.All, 50, Token)), Texts(await q1.UrgentQueueAsync(MessageFilter.All, 50, Token)));

        // Full text: a word only the old messages had is gone, the index is intact, and shared words find only the recent.
        Assert.Empty((await q1.SearchAsync(new MessageFilter { Keyword = "旧闻" }, 10, null, Token)).Hits);
        var river = await q1.SearchAsync(new MessageFilter { Keyword = "排污口" }, 10, null, Token);
        Assert.Equal(["n4"], river.Hits.Select(h => h.Message.Message.SourceId));
        Dump(_purged.DatabasePath, "INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')");

        // The cluster that lost its first member keeps the rest under the same id.
        var cluster = await q1.ClusterAsync(purgedIds["o1"], 10, Token);
        Assert.Equal(["n1", "n4"], cluster.Select(m => m.Message.SourceId));

        // Quarantine: the old rejected body is gone, the recent one stays. Corrections go with their message.
        Assert.Equal(["garbage-new"], await purged.QuarantineAsync(Token).Select(d => Encoding.UTF8.GetString(d.Body)).ToListAsync(Token));
        Assert.Empty(await purged.CorrectionsOfAsync(purgedIds["o1"], Token));
        Assert.Single(await purged.CorrectionsOfAsync(purgedIds["n1"], Token));
        Assert.Equal(freshIds.Count, await purged.ExportAsync(Token).CountAsync(Token));

        // Run again: nothing left to do.
        var again = await purged.PurgeReceivedBeforeAsync(Cutoff, 2, Token);
        Assert.True(again.Finished);
        Assert.Empty(again.Removed);
        Assert.Equal(0, again.DeliveriesRemoved);
    }

    [Fact]
    public async Task ErasureForCopiesReturnsThePersonsMessagesBeforeAndAfter()
    {
        using var store = new SqliteMessageStore(_purged.DatabasePath);
        await store.IngestAsync(Delivery(RecentArrival, "<xml>u_alice</xml>"), Message("a1", "u_alice", "text", "河道 污染"), Token);
        await store.IngestAsync(Delivery(RecentArrival, "<xml>u_alice</xml>"), Message("u_alice:subscribe", "u_alice", "event-subscribe", string.Empty), Token);
        await store.IngestAsync(Delivery(RecentArrival, "<xml>u_bob</xml>"), Message("b1", "u_bob", "text", "路灯 坏 了"), Token);

        var erasure = await store.EraseForCopiesAsync("u_alice", Token);

        Assert.Equal(2, erasure.Erased);
        Assert.All(erasure.Before, m => Assert.Equal("u_alice", m.Message.Author));
        Assert.All(erasure.After, m => Assert.StartsWith("x_", m.Message.Author, StringComparison.Ordinal));
        Assert.Equal(erasure.Before.Select(m => m.Id), erasure.After.Select(m => m.Id));
        Assert.DoesNotContain(erasure.After, m => m.Message.SourceId.Contains("u_alice", StringComparison.Ordinal));
        var bob = await store.ExportAsync(Token).SingleAsync(m => m.Message.SourceId == "b1", Token);
        Assert.Equal("u_bob", bob.Message.Author);
        Assert.Empty(await store.ExportAsync(Token).Where(m => m.Message.Author == "u_alice").ToListAsync(Token));
    }

    private static async Task<Dictionary<string, long>> FillAsync(SqliteMessageStore store, IReadOnlyList<(string Id, int Day, string Tokens, string Sentiment, string Topic, string Emotion, long Cluster, bool Old)> rows)
    {
        var ids = new Dictionary<string, long>();
        foreach (var row in rows)
        {
            var arrival = row.Old ? OldArrival : RecentArrival;
            var outcome = await store.IngestAsync(
                Delivery(arrival, "<xml>" + row.Id + "</xml>"),
                Message(row.Id, "u_" + row.Id, "text", row.Tokens) with { Time = new DateTimeOffset(2025, 3, row.Day, 10, 0, 0, TimeSpan.FromHours(8)) },
                Token);
            ids[row.Id] = outcome.MessageId!.Value;
            if (!row.Old)
            {
                // A repeated delivery of a recent message: its raw body must survive the purge too.
                await store.IngestAsync(Delivery(arrival.AddMinutes(1), "<xml>" + row.Id + "</xml>"), Message(row.Id, "u_" + row.Id, "text", row.Tokens), Token);
            }
        }

        // Clusters are keyed by the first message of the key in this store (the pipeline's rule: the earliest member's id).
        var clusterIds = new Dictionary<long, long>();
        await store.SaveAnalysesAsync(
            [.. rows.Select(row => new AnalysisResult
            {
                MessageId = ids[row.Id],
                Tokens = row.Tokens.Split(' '),
                Sentiment = SentimentPrediction.FromPositiveProbability(row.Sentiment == "positive" ? 0.9 : 0.1),
                ModelVersion = "test",
                DictionaryVersion = "test",
                AnalysedAt = RecentArrival,
                Topic = new ScoredLabel(row.Topic, 0.8),
                Emotion = new ScoredLabel(row.Emotion, 0.7),
                Urgency = new UrgencyAssessment(row.Sentiment == "negative" ? 70 : 10, []),
                NearDuplicate = new NearDuplicate((ulong)row.Cluster, FirstOf(clusterIds, row.Cluster, ids[row.Id])),
            })],
            Token);
        return ids;
    }

    private static long FirstOf(Dictionary<long, long> clusters, long key, long id)
    {
        if (!clusters.TryGetValue(key, out var first))
        {
            clusters[key] = first = id;
        }

        return first;
    }

    private static Message Message(string id, string author, string kind, string tokens) => new()
    {
        SourceKind = "wechat",
        SourceId = id,
        Account = "gh_test",
        Author = author,
        Kind = kind,
        Time = RecentArrival,
        Text = tokens.Replace(" ", string.Empty, StringComparison.Ordinal),
    };

    private static RawDelivery Delivery(DateTimeOffset at, string body) => new()
    {
        Channel = "wechat-callback",
        ReceivedAt = at,
        Body = Encoding.UTF8.GetBytes(body),
        RejectionReason = body.StartsWith("garbage", StringComparison.Ordinal) ? "not xml" : null,
    };

    private static List<string> Texts(IEnumerable<StoredMessage> messages) => [.. messages.Select(m => m.Message.SourceId)];

    private static List<string> Dump(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
