using Microsoft.Data.Sqlite;
using Monitor.Index.Cases;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Sqlite;

public sealed class SqliteAnalysisAndCaseTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly SqliteMessageStore _store;
    private readonly SqliteCaseWorkflow _cases;
    private readonly SqliteMessageQueries _queries;

    public SqliteAnalysisAndCaseTests()
    {
        _store = new SqliteMessageStore(_folder.DatabasePath);
        _cases = new SqliteCaseWorkflow(_folder.DatabasePath);
        _queries = new SqliteMessageQueries(_folder.DatabasePath);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task EveryOptionalAnalysisPartIsReadBackAsSaved()
    {
        var ids = await SqliteSeeding.StoreAsync(_store, _cases, Corpus.Messages, Token);

        var stored = (await _store.LatestAsync(100, null, Token)).Single(m => m.Id == ids["m1"]);

        var analysis = stored.Analysis!;
        Assert.Equal(new ScoredLabel("环保", 0.7), analysis.Topic);
        Assert.Equal(new ScoredLabel("angry", 0.6), analysis.Emotion);
        Assert.Equal(80, analysis.Urgency!.Score);
        Assert.Equal("污染举报", analysis.ServiceFunction!.Label);
        Assert.Equal(["河道"], analysis.ServiceFunction.Triggers);
        Assert.Equal(new NearDuplicate(0xF0F0_0000_0000_0001UL, 1), analysis.NearDuplicate);
        Assert.Equal(new CaseState("assigned", "张三", Corpus.At(2, 9), null, null), stored.Case);
    }

    [Fact]
    public async Task AnalysisWithoutTheOptionalPartsLeavesThemNull()
    {
        await _store.IngestBatchAsync([Some.Message("1")], Token);
        var pending = Assert.Single(await _store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow, Token));
        await _store.SaveAnalysesAsync(
            [new AnalysisResult
            {
                MessageId = pending.MessageId,
                Tokens = ["河道", "污染"],
                Sentiment = SentimentPrediction.FromPositiveProbability(0.1),
                ModelVersion = "m",
                DictionaryVersion = "d",
                AnalysedAt = DateTimeOffset.UtcNow,
            }],
            Token);

        var analysis = Assert.Single(await _store.LatestAsync(1, null, Token)).Analysis!;

        Assert.Null(analysis.Topic);
        Assert.Null(analysis.Emotion);
        Assert.Null(analysis.Urgency);
        Assert.Null(analysis.ServiceFunction);
        Assert.Null(analysis.NearDuplicate);
    }

    [Fact]
    public async Task ReanalysingAMessageMovesItsCountsInsteadOfAddingThem()
    {
        var ids = await SqliteSeeding.StoreAsync(_store, _cases, Corpus.Messages, Token);
        var m1 = Corpus.Messages[0].Analysis! with { MessageId = ids["m1"], Sentiment = new SentimentPrediction("positive", 0.9, 0.9), Tokens = ["河道", "清澈"] };

        await _store.SaveAnalysesAsync([m1], Token);

        var day0 = new MessageFilter { From = Corpus.Day0, To = Corpus.Day0.AddDays(1), Account = "gh_a" };
        var fromAggregates = await _queries.CountOverTimeAsync(day0, TimeBucket.Day, CountSplit.Sentiment, Token);
        var fromScan = await _queries.CountOverTimeAsync(day0 with { Emotion = "angry" }, TimeBucket.Day, CountSplit.Sentiment, Token);
        Assert.Equal([new TimeCount(Corpus.Day0, "negative", 1), new TimeCount(Corpus.Day0, "positive", 2)], fromAggregates);
        Assert.Equal([new TimeCount(Corpus.Day0, "negative", 1), new TimeCount(Corpus.Day0, "positive", 1)], fromScan);
        var words = await _queries.TopKeywordsAsync(new MessageFilter { From = Corpus.Day0, To = Corpus.Day0.AddDays(1) }, 20, Token);
        Assert.Contains(new TermCount("清澈", 1), words);
        Assert.Contains(new TermCount("污染", 1), words);
    }

    [Fact]
    public async Task CaseGoesFromOpenToAssignedRepliedResolvedAndBackWhenReopened()
    {
        var ids = await SqliteSeeding.StoreAsync(_store, _cases, Corpus.Messages, Token);
        var id = ids["m4"];
        var deadline = Corpus.At(2, 0);

        Assert.True(await _cases.AssignAsync(id, "李四", deadline, Token));
        Assert.Equal(new CaseState("assigned", "李四", deadline, null, null), await CaseOf(id));
        Assert.True(await _cases.ReplyAsync(id, Corpus.At(1, 12), Token));
        Assert.True(await _cases.ReplyAsync(id, Corpus.At(1, 15), Token));
        Assert.Equal(new CaseState("replied", "李四", deadline, Corpus.At(1, 12), null), await CaseOf(id));
        Assert.True(await _cases.ResolveAsync(id, Corpus.At(1, 16), Token));
        Assert.Equal("resolved", (await CaseOf(id))!.Status);
        Assert.True(await _cases.ReopenAsync(id, Token));
        Assert.Equal(new CaseState("replied", "李四", deadline, Corpus.At(1, 12), null), await CaseOf(id));
    }

    [Fact]
    public async Task PostsAndEventsAreNotCases()
    {
        var ids = await SqliteSeeding.StoreAsync(_store, _cases, Corpus.Messages, Token);

        Assert.False(await _cases.AssignAsync(ids["p1"], "李四", null, Token));
        Assert.Null(await CaseOf(ids["p1"]));
    }

    [Fact]
    public async Task AFileFromTheFirstSchemaIsUpgradedWithItsMessagesIndexedAndCounted()
    {
        var ids = await SqliteSeeding.StoreAsync(_store, _cases, Corpus.Messages, Token);
        // Put the file back to schema 1: drop what later migrations added, as a file written by the previous release.
        await using (var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = OlderSchemas.Before8 + """
                DROP TRIGGER analyses_fts_insert; DROP TRIGGER analyses_fts_update; DROP TRIGGER analyses_fts_delete;
                DROP TABLE messages_fts; DROP TABLE daily_counts; DROP TABLE term_blocks; DROP TABLE day_ids; DROP TABLE reindex_checkpoints; DROP TABLE dead_letters;
                DROP INDEX analyses_time; DROP INDEX analyses_account_time; DROP INDEX analyses_queue; DROP INDEX analyses_author;
                DROP INDEX analyses_cluster; DROP INDEX analyses_cases; DROP INDEX analyses_backlog;
                DROP TRIGGER analyses_backlog_insert; DROP TRIGGER analyses_backlog_delete; DROP TRIGGER analyses_backlog_update;
                DROP INDEX analyses_overdue; DROP INDEX messages_events; DROP TABLE account_term_blocks; DROP TABLE term_accounts;
                DROP TABLE backlog_deadlines; DROP TRIGGER analyses_term_backlog_delete; DROP TABLE term_backlog;
                ALTER TABLE analyses DROP COLUMN case_rank;
                """;
            foreach (var column in new[]
            {
                "time", "account", "source_kind", "author", "topic_label", "topic_score", "emotion_label", "emotion_score", "urgency",
                "urgency_reasons", "service_function", "service_triggers", "simhash", "cluster_id", "case_status", "assignee",
                "first_reply_at", "resolved_at", "deadline_at",
            })
            {
                command.CommandText += $"ALTER TABLE analyses DROP COLUMN {column};";
            }

            command.CommandText += "PRAGMA user_version = 1;";
            await command.ExecuteNonQueryAsync(Token);
        }

        SqliteConnection.ClearAllPools();
        using var upgraded = new SqliteMessageStore(_folder.DatabasePath);

        var page = await _queries.SearchAsync(new MessageFilter { Keyword = "河道" }, 10, null, Token);
        Assert.Equal(5, page.Total);
        var counts = await _queries.CountOverTimeAsync(Corpus.TwoWeeks, TimeBucket.Week, CountSplit.Sentiment, Token);
        Assert.Equal(Corpus.Messages.Count, counts.Sum(c => c.Count));
        Assert.Equal("open", (await CaseOf(ids["m1"]))!.Status);
        Assert.Contains(new TermCount("河道", 4), await _queries.TopKeywordsAsync(Corpus.TwoWeeks with { Account = "gh_a" }, 10, Token));
        Assert.Equal(6, (await _queries.ScorecardAsync("gh_a", Corpus.Day0, Corpus.Day0.AddDays(14), Corpus.Day0.AddDays(14), Token)).Backlog); // schema 1 had no case state: every citizen message reopens
    }

    private async Task<CaseState?> CaseOf(long id) =>
        (await _store.LatestAsync(100, null, Token)).Single(m => m.Id == id).Case;
}
