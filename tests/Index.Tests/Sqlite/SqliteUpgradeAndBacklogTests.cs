using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// Schema 5: per-account keyword blocks and the backlog counters. An older file is upgraded in place with the same
/// answers, and the counters stay equal to a recount whatever writes the analyses.
/// </summary>
public sealed class SqliteUpgradeAndBacklogTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AVersion4FileIsUpgradedAndAnswersOneAccountsKeywordsAndScorecardAsBefore()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        }

        var queries = new SqliteMessageQueries(_folder.DatabasePath);
        var window = Corpus.TwoWeeks with { Account = "gh_a" };
        var keywords = await queries.TopKeywordsAsync(window, 50, Token);
        var hot = await queries.HotTopicsAsync(window with { From = Corpus.Day0.AddDays(7) }, Corpus.Day0, Corpus.Day0.AddDays(7), 10, Token);
        var card = await queries.ScorecardAsync("gh_a", Corpus.Day0, Corpus.Day0.AddDays(14), Corpus.Day0.AddDays(14), Token);

        // What schema 4 was: without the objects migration 5 adds.
        await _folder.ExecuteAsync(OlderSchemas.Before8 + """
            DROP TRIGGER analyses_backlog_insert; DROP TRIGGER analyses_backlog_delete; DROP TRIGGER analyses_backlog_update;
            DROP INDEX analyses_overdue; DROP INDEX messages_events; DROP TABLE account_term_blocks; DROP TABLE term_accounts;
            DROP TABLE backlog_deadlines; DROP TRIGGER analyses_term_backlog_delete; DROP TABLE term_backlog; PRAGMA user_version = 4;
            """);
        SqliteConnection.ClearAllPools();
        using (new SqliteMessageStore(_folder.DatabasePath))
        {
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, await _folder.ScalarAsync("PRAGMA user_version;"));
        Assert.True(await _folder.ScalarAsync("SELECT count(*) FROM account_term_blocks b JOIN term_accounts t ON t.id = b.account_id WHERE t.account = 'gh_a';") > 0);
        Assert.NotEmpty(keywords);
        Assert.Equal(keywords, await queries.TopKeywordsAsync(window, 50, Token));
        Assert.Equal(hot, await queries.HotTopicsAsync(window with { From = Corpus.Day0.AddDays(7) }, Corpus.Day0, Corpus.Day0.AddDays(7), 10, Token));
        Assert.Equal(card, await queries.ScorecardAsync("gh_a", Corpus.Day0, Corpus.Day0.AddDays(14), Corpus.Day0.AddDays(14), Token));
    }

    [Fact]
    public async Task OneAccountsKeywordsFromTheBlocksEqualAWindowThatIsNotWholeDays()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        }

        var queries = new SqliteMessageQueries(_folder.DatabasePath);

        // Whole days read account_term_blocks (2-day blocks and more) and the tokens of day 1, which starts the window
        // on an odd day no such block covers; a window one millisecond wider reads the tokens of every day.
        var window = Corpus.TwoWeeks with { Account = "gh_a", From = Corpus.Day0.AddDays(1) };
        var fromBlocks = await queries.TopKeywordsAsync(window, 50, Token);
        var fromTokens = await queries.TopKeywordsAsync(window with { To = Corpus.Day0.AddDays(14).AddMilliseconds(1) }, 50, Token);

        Assert.Equal(fromTokens, fromBlocks);
        Assert.Contains(new TermCount("扫黑除恶", 1), fromBlocks);    // p2; m5 is a sealed 涉黑举报
        Assert.Contains(new TermCount("停水", 1), fromBlocks);      // day 1 (m4), from the tokens
        Assert.DoesNotContain(fromBlocks, t => t.Term == "效果");
    }

    [Fact]
    public async Task BacklogCountersEqualARecountAfterEveryKindOfWrite()
    {
        Dictionary<string, long> ids;
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            ids = new(await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token));
            // Menu clicks: the scorecard's service uses (events are neither analysed nor cases).
            await store.IngestBatchAsync(
                [
                    new Ingest.Message { SourceKind = "wechat", SourceId = "e1", Account = "gh_a", Time = Corpus.At(1, 12), Kind = "event:CLICK", Text = "menu_1" },
                    new Ingest.Message { SourceKind = "wechat", SourceId = "e2", Account = "gh_b", Time = Corpus.At(1, 12), Kind = "event:CLICK", Text = "menu_1" },
                    new Ingest.Message { SourceKind = "wechat", SourceId = "e3", Account = "gh_a", Time = Corpus.At(1, 13), Kind = "event:subscribe", Text = "" },
                ],
                Token);
        }

        var cases = new SqliteCaseWorkflow(_folder.DatabasePath);
        await AssertCountersMatchAsync();

        await cases.AssignAsync(ids["m4"], "李四", Corpus.At(9, 0), Token);     // a new deadline: another day's counter
        await cases.ReplyAsync(ids["m2"], Corpus.At(3, 0), Token);
        await cases.ResolveAsync(ids["m5"], Corpus.At(9, 0), Token);
        await cases.ResolveAsync(ids["m3"], Corpus.At(9, 0), Token);           // already resolved: nothing changes
        await cases.ReopenAsync(ids["m3"], Token);
        await AssertCountersMatchAsync();

        // A retention job deleting rows directly.
        await _folder.ExecuteAsync($"DELETE FROM analyses WHERE message_id = {ids["c1"]};");
        await AssertCountersMatchAsync();

        // The scorecard from the counters equals a direct count, including deadlines later on the same day as asOf.
        var queries = new SqliteMessageQueries(_folder.DatabasePath);
        foreach (var asOf in new[] { Corpus.At(2, 0), Corpus.At(2, 9.5), Corpus.At(3, 10), Corpus.At(10, 0) })
        {
            var card = await queries.ScorecardAsync("gh_a", Corpus.Day0, Corpus.Day0.AddDays(14), asOf, Token);
            var now = asOf.ToUnixTimeMilliseconds();
            Assert.Equal(await _folder.ScalarAsync("SELECT count(*) FROM analyses WHERE account = 'gh_a' AND case_rank < 3;"), card.Backlog);
            Assert.Equal(await _folder.ScalarAsync($"SELECT count(*) FROM analyses WHERE account = 'gh_a' AND case_rank < 3 AND deadline_at < {now};"), card.Overdue);
            Assert.Equal(1, card.ServiceUses);
        }
    }

    [Fact]
    public async Task TheBulkLoaderFillsTheCountersAndTheAccountBlocksAsTheWritePathDoes()
    {
        var items = Corpus.Messages.Select(m => new BulkItem(m.Message, m.Message.Time, m.Analysis)
        {
            Assignee = m.Assignee,
            RepliedAt = m.RepliedAt,
            ResolvedAt = m.ResolvedAt,
        });
        await SqliteBulkLoader.LoadAsync(_folder.DatabasePath, items, Token);
        await AssertCountersMatchAsync();
        var bulk = await TableAsync(AccountBlocks);

        using var other = new TempDataFolder();
        using (var store = new SqliteMessageStore(other.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(other.DatabasePath), Corpus.Messages, Token);
            Assert.Equal(0L, await TableCountAsync(other.DatabasePath, "term_blocks"));      // queued, not yet folded
            Assert.True(await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token) > 0);
        }

        Assert.NotEmpty(bulk);
        Assert.Equal(bulk, await TableAsync(AccountBlocks, other.DatabasePath));
        Assert.Equal(await TableAsync(GlobalBlocks), await TableAsync(GlobalBlocks, other.DatabasePath));
        Assert.Equal(0L, await TableCountAsync(other.DatabasePath, "term_backlog"));
    }

    private const string GlobalBlocks = "SELECT level, block, term, n FROM term_blocks WHERE n <> 0 ORDER BY 1, 2, 3;";

    private static async Task<long> TableCountAsync(string path, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table};";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private const string AccountBlocks = """
        SELECT t.account, b.level, b.block, b.term, b.n FROM account_term_blocks b JOIN term_accounts t ON t.id = b.account_id
        WHERE b.n <> 0 ORDER BY 1, 2, 3, 4;
        """;

    private async Task AssertCountersMatchAsync()
    {
        var recount = await TableAsync("""
            SELECT account, deadline_at / 86400000, count(*) FROM analyses
            WHERE case_rank < 3 AND deadline_at IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
            """);
        var counters = await TableAsync("SELECT account, day, n FROM backlog_deadlines WHERE n <> 0 ORDER BY 1, 2;");
        Assert.NotEmpty(recount);
        Assert.Equal(recount, counters);
    }

    private async Task<List<string>> TableAsync(string sql, string? databasePath = null)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath ?? _folder.DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

}
