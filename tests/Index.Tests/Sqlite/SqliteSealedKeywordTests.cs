using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Ingest;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// On real SQLite files: the words of a sealed message (a citizen's 涉黑举报, see <see cref="SealedMessages"/>) never reach
/// top keywords or hot topics, whichever way the answer is read (global blocks, one account's blocks and edge days,
/// tokens), while the same word in a message that is not sealed counts. Every write keeps this: save, reanalysis,
/// retention and the schema-6 upgrade of a file that counted them, each equal to a store that never counted them.
/// </summary>
public sealed class SqliteSealedKeywordTests : IDisposable
{
    private const string Sealed = "涉黑举报";
    private static readonly DateTimeOffset OldArrival = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset RecentArrival = new(2025, 6, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly MessageFilter March = new() { From = new DateTimeOffset(2025, 3, 1, 0, 0, 0, China), To = new DateTimeOffset(2025, 4, 1, 0, 0, 0, China) };

    private static readonly Row[] Recent =
    [
        new("s1", "wechat", 5, "保护伞 村霸 河道 线索", Sealed),
        new("n1", "wechat", 5, "保护伞 河道 污染", "政务查询"),
        new("n2", "import", 6, "河道 污染 严重", "污染举报"),
        // An article about the campaign labelled 涉黑举报 is not a citizen's report: never sealed, its words count.
        new("p1", "wechat-article", 7, "扫黑除恶 保护伞 通报", Sealed),
        new("s2", "wechat-comment", 8, "村霸 强占 土地", Sealed),
        new("n3", "wechat", 9, "保护伞 举报 电话 公布", "政务查询"),
        // 村霸 is in three sealed reports: hot by count if their words counted.
        new("s3", "wechat", 9, "村霸 线索 举报", Sealed),
    ];

    private readonly TempDataFolder _a = new();
    private readonly TempDataFolder _b = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task ASealedMessagesWordsAreMissingFromKeywordsAndHotTopicsWhileTheSameWordElsewhereCounts()
    {
        using (var store = new SqliteMessageStore(_a.DatabasePath))
        {
            await FillAsync(store, Recent);
        }

        var queries = new SqliteMessageQueries(_a.DatabasePath);
        var answers = new Dictionary<string, IReadOnlyList<TermCount>>
        {
            ["all accounts, whole days (term_blocks)"] = await queries.TopKeywordsAsync(March, 100, Token),
            ["one account, whole days (account blocks and edge days)"] = await queries.TopKeywordsAsync(March with { Account = "gh_test", From = March.From!.Value.AddDays(4) }, 100, Token),
            ["not whole days (tokens)"] = await queries.TopKeywordsAsync(March with { To = March.To!.Value.AddMilliseconds(1) }, 100, Token),
            ["one source (tokens)"] = await queries.TopKeywordsAsync(March with { SourceKind = "wechat" }, 100, Token),
        };
        var hot = await queries.HotTopicsAsync(March, March.From!.Value.AddMonths(-1), March.From!.Value, 100, Token);

        foreach (var (how, top) in answers)
        {
            Assert.DoesNotContain(top, t => t.Term is "村霸" or "线索" or "强占" or "土地");
            Assert.Contains(top, t => t.Term == "保护伞");
        }

        Assert.Contains(new TermCount("保护伞", 3), answers["all accounts, whole days (term_blocks)"]);   // n1, n3 and the article, not s1
        Assert.Contains(new TermCount("河道", 2), answers["all accounts, whole days (term_blocks)"]);
        Assert.Contains(new TermCount("保护伞", 2), answers["one source (tokens)"]);
        Assert.Equal(answers["all accounts, whole days (term_blocks)"], answers["not whole days (tokens)"]);
        Assert.DoesNotContain(hot, h => h.Term is "村霸" or "线索" or "强占" or "土地");
        Assert.Contains(hot, h => h.Term == "保护伞" && h.Count == 3);

        // 涉黑专办 still finds the sealed reports by their words (the dashboard seals them for everyone else).
        var search = await queries.SearchAsync(new MessageFilter { Keyword = "村霸" }, 10, null, Token);
        Assert.Equal(["s1", "s2", "s3"], search.Hits.Select(h => h.Message.Message.SourceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RetentionOfASealedMessageLeavesTheAggregatesOfAStoreThatNeverHadIt()
    {
        Row[] old = [new("o1", "wechat", 3, "村霸 保护伞 河道 旧案", Sealed, Old: true), new("o2", "wechat", 4, "路灯 损坏", "政务查询", Old: true)];
        using var purged = new SqliteMessageStore(_a.DatabasePath);
        using var fresh = new SqliteMessageStore(_b.DatabasePath);
        await FillAsync(purged, [.. old, .. Recent]);
        await FillAsync(fresh, Recent);

        var batches = 1;
        while (!(await purged.PurgeReceivedBeforeAsync(Cutoff, 1, Token)).Finished)
        {
            Assert.True(++batches < 20, "the purge does not finish");
        }

        Assert.Equal(Recent.Length, await purged.ExportAsync(Token).CountAsync(Token));
        AssertSameAggregates(_b.DatabasePath, _a.DatabasePath);
        var q1 = new SqliteMessageQueries(_a.DatabasePath);
        var q2 = new SqliteMessageQueries(_b.DatabasePath);
        Assert.Equal(await q2.TopKeywordsAsync(March, 100, Token), await q1.TopKeywordsAsync(March, 100, Token));
        Assert.Equal(await q2.TopKeywordsAsync(March with { Account = "gh_test", From = March.From!.Value.AddDays(2) }, 100, Token),
            await q1.TopKeywordsAsync(March with { Account = "gh_test", From = March.From!.Value.AddDays(2) }, 100, Token));
    }

    [Fact]
    public async Task ReanalysisThatSealsOrUnsealsAMessageMovesItsWordsAsAStoreThatAlwaysHadTheNewLabel()
    {
        using var store = new SqliteMessageStore(_a.DatabasePath);
        var ids = await FillAsync(store, Recent);

        // s1 is re-read as a pollution report (its words now count), n1 as a 涉黑 report (its words leave).
        await store.SaveAnalysesAsync([Analysis(ids["s1"], Recent[0] with { Service = "污染举报" }), Analysis(ids["n1"], Recent[1] with { Service = Sealed })], Token);
        await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);

        using (var always = new SqliteMessageStore(_b.DatabasePath))
        {
            await FillAsync(always, [Recent[0] with { Service = "污染举报" }, Recent[1] with { Service = Sealed }, .. Recent[2..]]);
        }

        AssertSameAggregates(_b.DatabasePath, _a.DatabasePath);
        var top = await new SqliteMessageQueries(_a.DatabasePath).TopKeywordsAsync(March, 100, Token);
        Assert.Contains(new TermCount("线索", 1), top);
        Assert.DoesNotContain(top, t => t.Term == "污染" && t.Count > 1);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task UpgradingAFileThatCountedSealedWordsTakesThemOutAsAStoreThatNeverCountedThem(int version)
    {
        // What an older binary wrote: the sealed messages' words in every keyword block. Stored as not sealed, then
        // relabelled behind the writer's back, the blocks are exactly what schema 5 counted for them.
        using (var store = new SqliteMessageStore(_a.DatabasePath))
        {
            await FillAsync(store, [.. Recent.Select(r => r with { Service = r.Service == Sealed ? "其他" : r.Service })]);
        }

        var relabel = string.Join(", ", Recent.Where(r => r.Service == Sealed).Select(r => $"'{r.Id}'"));
        // Schema 7's keyword queue did not exist yet in either.
        var older = OlderSchemas.Before8 + "DROP TRIGGER analyses_term_backlog_delete; DROP TABLE term_backlog; " + (version == 5 ? "PRAGMA user_version = 5;" : """
            DROP TRIGGER analyses_backlog_insert; DROP TRIGGER analyses_backlog_delete; DROP TRIGGER analyses_backlog_update;
            DROP INDEX analyses_overdue; DROP INDEX messages_events; DROP TABLE account_term_blocks; DROP TABLE term_accounts;
            DROP TABLE backlog_deadlines; PRAGMA user_version = 4;
            """);
        Execute(_a.DatabasePath, $"UPDATE analyses SET service_function = '{Sealed}' WHERE message_id IN (SELECT id FROM messages WHERE source_id IN ({relabel})); {older}");
        Assert.Contains("村霸", Dump(_a.DatabasePath, "SELECT term FROM term_blocks WHERE n > 0"));
        SqliteConnection.ClearAllPools();

        using (new SqliteMessageStore(_a.DatabasePath))
        {
        }

        using (var fresh = new SqliteMessageStore(_b.DatabasePath))
        {
            await FillAsync(fresh, Recent);
        }

        Assert.Equal([SqliteSchema.LatestVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)], Dump(_a.DatabasePath, "PRAGMA user_version;"));
        AssertSameAggregates(_b.DatabasePath, _a.DatabasePath);
        Assert.DoesNotContain("村霸", Dump(_a.DatabasePath, "SELECT term FROM term_blocks"));
    }

    private sealed record Row(string Id, string Source, int Day, string Tokens, string? Service, bool Old = false);

    private static void AssertSameAggregates(string expectedPath, string actualPath)
    {
        foreach (var sql in new[]
        {
            "SELECT day, dim, value, account, source_kind, n FROM daily_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5",
            "SELECT level, block, term, n FROM term_blocks WHERE n <> 0 ORDER BY 1, 2, 3",
            "SELECT t.account, b.level, b.block, b.term, b.n FROM account_term_blocks b JOIN term_accounts t ON t.id = b.account_id WHERE b.n <> 0 ORDER BY 1, 2, 3, 4",
        })
        {
            var expected = Dump(expectedPath, sql);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Dump(actualPath, sql));
        }

        Assert.Empty(Dump(actualPath, "SELECT term FROM term_blocks WHERE n < 0 UNION ALL SELECT term FROM account_term_blocks WHERE n < 0"));
    }

    private static async Task<Dictionary<string, long>> FillAsync(SqliteMessageStore store, IReadOnlyList<Row> rows)
    {
        var ids = new Dictionary<string, long>();
        foreach (var row in rows)
        {
            var outcome = await store.IngestAsync(
                new RawDelivery { Channel = "wechat-callback", ReceivedAt = row.Old ? OldArrival : RecentArrival, Body = Encoding.UTF8.GetBytes("<xml>" + row.Id + "</xml>") },
                new Message
                {
                    SourceKind = row.Source,
                    SourceId = row.Id,
                    Account = "gh_test",
                    Author = "u_" + row.Id,
                    Kind = row.Source == "wechat-article" ? "article" : "text",
                    Time = new DateTimeOffset(2025, 3, row.Day, 10, 0, 0, China),
                    Text = row.Tokens.Replace(" ", string.Empty, StringComparison.Ordinal),
                },
                Token);
            ids[row.Id] = outcome.MessageId!.Value;
        }

        await store.SaveAnalysesAsync([.. rows.Select(r => Analysis(ids[r.Id], r))], Token);
        // The keyword blocks are written by the fold (SqliteKeywordBacklog); these tests compare the blocks themselves.
        await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);
        return ids;
    }

    private static AnalysisResult Analysis(long id, Row row) => new()
    {
        MessageId = id,
        Tokens = row.Tokens.Split(' '),
        Sentiment = SentimentPrediction.FromPositiveProbability(0.2),
        ModelVersion = "test",
        DictionaryVersion = "test",
        AnalysedAt = RecentArrival,
        Topic = new ScoredLabel("治安", 0.8),
        Emotion = new ScoredLabel("angry", 0.7),
        ServiceFunction = row.Service is null ? null : new ServiceFunctionMatch(row.Service, []),
    };

    private static void Execute(string databasePath, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

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
