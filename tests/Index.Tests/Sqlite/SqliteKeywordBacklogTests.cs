using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// Schema 7: the pipeline's save queues keywords for the blocks and a fold writes them. Every keyword answer is the
/// same whether the messages are queued, partly folded or all folded, and equals the count from the tokens; a
/// re-analysis after the fold replaces its keywords; the queue survives the store being reopened.
/// </summary>
public sealed class SqliteKeywordBacklogTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    /// <summary>Whole-day windows (blocks, odd-day edges from tokens), all accounts and one, and hot topics.</summary>
    private static IEnumerable<MessageFilter> Windows() =>
    [
        Corpus.TwoWeeks,
        Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(1) },
        Corpus.TwoWeeks with { Account = "gh_a" },
        Corpus.TwoWeeks with { Account = "gh_a", From = Corpus.Day0.AddDays(1), To = Corpus.Day0.AddDays(9) },
        new MessageFilter { From = Corpus.Day0, To = Corpus.Day0.AddDays(2) },
        new MessageFilter { From = Corpus.Day0.AddDays(-512), To = Corpus.Day0.AddDays(512) },
    ];

    [Theory]
    [InlineData(1)]          // folded with every save
    [InlineData(3)]          // partly folded: whatever is left under 3 stays queued
    [InlineData(16_384)]     // all queued until the fold
    public async Task KeywordAnswersEqualTheTokensWhateverIsFolded(int foldChunk)
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath, foldChunk);
        await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        var queued = await _folder.ScalarAsync("SELECT count(*) FROM term_backlog;");
        Assert.True(queued < foldChunk);
        var queries = new SqliteMessageQueries(_folder.DatabasePath);

        var before = await AnswersAsync(queries);
        foreach (var (window, fromBlocks) in Windows().Zip(before))
        {
            // One millisecond more is no longer whole days: the tokens of every message answer.
            var fromTokens = await queries.TopKeywordsAsync(window with { To = window.To!.Value.AddMilliseconds(1) }, 100, Token);
            Assert.Equal(fromTokens, fromBlocks);
        }

        Assert.Contains(new TermCount("河道", 5), before[0]);
        Assert.Equal(queued, await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token));
        Assert.Equal(0L, await _folder.ScalarAsync("SELECT count(*) FROM term_backlog;"));
        Assert.True(await _folder.ScalarAsync("SELECT count(*) FROM term_blocks;") > 0);
        Assert.Equal(before, await AnswersAsync(queries));
        Assert.Equal(
            await queries.HotTopicsAsync(Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(7) }, Corpus.Day0, Corpus.Day0.AddDays(7), 10, Token),
            await queries.HotTopicsAsync(Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(7), To = Corpus.Day0.AddDays(14).AddMilliseconds(1) }, Corpus.Day0, Corpus.Day0.AddDays(7).AddMilliseconds(1), 10, Token));
    }

    [Fact]
    public async Task AnIdlePipelineFoldsOnlyWhatWaitedLongEnough()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        var oldest = Corpus.Messages.Min(m => m.Analysis!.AnalysedAt);

        Assert.Equal(0, await store.FoldKeywordsAsync(oldest + SqliteMessageStore.KeywordFoldDelay - TimeSpan.FromSeconds(1), Token));
        Assert.Equal(Corpus.Messages.Count, await _folder.ScalarAsync("SELECT count(*) FROM term_backlog;"));
        Assert.Equal(Corpus.Messages.Count, await store.FoldKeywordsAsync(oldest + SqliteMessageStore.KeywordFoldDelay, Token));
        Assert.Equal(0, await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReanalysisReplacesItsKeywordsFoldedOrQueued(bool foldFirst)
    {
        IReadOnlyDictionary<string, long> ids;
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            ids = await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
            if (foldFirst)
            {
                await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);
            }
        }

        // Reopened: the queue is in the file, not in the process.
        SqliteConnection.ClearAllPools();
        using var reopened = new SqliteMessageStore(_folder.DatabasePath);
        var m1 = Corpus.Messages.Single(m => m.Message.SourceId == "m1");
        await reopened.SaveAnalysesAsync([m1.Analysis! with { MessageId = ids["m1"], Tokens = ["排污口", "夜间", "偷排"] }], Token);
        var queries = new SqliteMessageQueries(_folder.DatabasePath);

        var keywords = await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token);
        Assert.Contains(new TermCount("河道", 4), keywords);
        Assert.Contains(new TermCount("偷排", 1), keywords);
        Assert.DoesNotContain(keywords, t => t.Term == "尽快");
        Assert.Equal(await queries.TopKeywordsAsync(Corpus.TwoWeeks with { To = Corpus.Day0.AddDays(14).AddMilliseconds(1) }, 100, Token), keywords);

        await reopened.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);
        Assert.Equal(keywords, await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token));
        Assert.Equal(0L, await _folder.ScalarAsync("SELECT count(*) FROM term_blocks WHERE n < 0;"));
    }

    [Fact]
    public async Task AVersion6FileLosesTheEvenAccountLevelsAndAnswersAsBefore()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
            await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, Token);
        }

        var queries = new SqliteMessageQueries(_folder.DatabasePath);
        var before = await AnswersAsync(queries);

        // What schema 6 was: no queue, and per-account blocks at every level from 1 (here: rows the new levels never read).
        // (Not 5: schema 6 subtracts sealed messages' words, which this file, written by the current build, never counted.)
        var allAccounts = await _folder.ScalarAsync("SELECT count(*) FROM term_blocks;");
        await _folder.ExecuteAsync(OlderSchemas.Before8 + """
            DROP TRIGGER analyses_term_backlog_delete; DROP TABLE term_backlog;
            INSERT INTO account_term_blocks (account_id, level, block, term, n) SELECT id, 2, 5037, '河道', 99 FROM term_accounts;
            PRAGMA user_version = 6;
            """);
        SqliteConnection.ClearAllPools();
        using (new SqliteMessageStore(_folder.DatabasePath))
        {
        }

        Assert.Equal((long)SqliteSchema.LatestVersion, await _folder.ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(allAccounts, await _folder.ScalarAsync("SELECT count(*) FROM term_blocks;"));
        Assert.True(await _folder.ScalarAsync("SELECT count(*) FROM term_blocks WHERE level = 0;") > 0);
        Assert.Equal(0L, await _folder.ScalarAsync("SELECT count(*) FROM account_term_blocks WHERE level % 2 = 0;"));
        Assert.Equal(0L, await _folder.ScalarAsync("SELECT count(*) FROM term_backlog;"));
        Assert.Equal(before, await AnswersAsync(queries));
    }

    private static async Task<List<IReadOnlyList<TermCount>>> AnswersAsync(SqliteMessageQueries queries)
    {
        var answers = new List<IReadOnlyList<TermCount>>();
        foreach (var window in Windows())
        {
            answers.Add(await queries.TopKeywordsAsync(window, 100, Token));
        }

        return answers;
    }

}
