using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Signals;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>
/// A message changed after the reindex copied it (a case resolved, an urgency raised, a failed analysis that later
/// succeeds) reaches the copy at the next reindex, exactly once, and nothing is copied again when nothing changed.
/// The fake node keeps the last document written per id, so the urgent queue is read from what the copy holds.
/// </summary>
public sealed class ElasticsearchChangeCopyTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly Dictionary<string, JsonObject> _copy = new(StringComparer.Ordinal);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AResolvedCaseLeavesTheCopysUrgentQueueAtTheNextReindex()
    {
        var ids = await SeedAsync(Corpus.Messages);
        Assert.Equal(Corpus.Messages.Count, (await ReindexAsync()).Count);
        Assert.Contains("m1", Queue());

        await new SqliteCaseWorkflow(_folder.DatabasePath).ResolveAsync(ids["m1"], Corpus.At(3, 9), Token);
        var written = await ReindexAsync();

        Assert.Equal(["m1"], written.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal("resolved", _copy["wechat:m1"]["case_status"]!.GetValue<string>());
        Assert.DoesNotContain("m1", Queue());
        Assert.Empty(await ReindexAsync());
        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
    }

    [Fact]
    public async Task ARaisedUrgencyIsCopiedAgain()
    {
        var ids = await SeedAsync(Corpus.Messages);
        await ReindexAsync();
        Assert.Equal(["m4", "m5", "m2", "c1", "m1", "m6"], Queue());

        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            var raised = await store.UpdateUrgencyAsync(
                [new UrgencyUpdate(ids["m2"], new UrgencyAssessment(99, ["群体反映"]), new UrgencyAssessment(60, ["危险词"]))], Token);
            Assert.Equal(1, raised);
        }

        var written = await ReindexAsync();

        Assert.Equal(["m2"], written.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal(99, _copy["wechat:m2"]["urgency"]!.GetValue<int>());
        Assert.Equal(["m2", "m4", "m5", "c1", "m1", "m6"], Queue());
    }

    [Fact]
    public async Task AFailedAnalysisThatLaterSucceedsIsCopiedAgainAnalysed()
    {
        var failing = Corpus.Messages[3];
        var ids = await SeedAsync([.. Corpus.Messages.Select(m => m == failing ? m with { Analysis = null } : m)]);
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.RecordAnalysisFailureAsync(ids["m4"], "model timed out", Corpus.At(20, 0), Token);
        }

        Assert.Equal(Corpus.Messages.Count, (await ReindexAsync()).Count);
        Assert.Equal("failed", _copy["wechat:m4"]["analysis_state"]!.GetValue<string>());

        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.SaveAnalysesAsync([failing.Analysis! with { MessageId = ids["m4"] }], Token);
        }

        var written = await ReindexAsync();

        Assert.Equal(["m4"], written.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal("done", _copy["wechat:m4"]["analysis_state"]!.GetValue<string>());
        Assert.Equal(failing.Analysis!.Sentiment.Label, _copy["wechat:m4"]["sentiment"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnAnalysisThatKeepsFailingWithTheSameErrorIsNotCopiedAgainAfterEveryRetry()
    {
        var failing = Corpus.Messages[3];
        var ids = await SeedAsync([.. Corpus.Messages.Select(m => m == failing ? m with { Analysis = null } : m)]);
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.RecordAnalysisFailureAsync(ids["m4"], "model timed out", Corpus.At(20, 0), Token);
        }

        await ReindexAsync();
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            // Each retry fails the same way: only the retry time moves, which no document carries.
            for (var retry = 1; retry <= 3; retry++)
            {
                await store.TakePendingAnalysesAsync(10, Corpus.At(20 + retry, 0), Token);
                await store.RecordAnalysisFailureAsync(ids["m4"], "model timed out", Corpus.At(21 + retry, 0), Token);
            }
        }

        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
        Assert.Empty(await ReindexAsync());

        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.RecordAnalysisFailureAsync(ids["m4"], "model file missing", Corpus.At(30, 0), Token);
        }

        var written = await ReindexAsync();
        Assert.Equal(["m4"], written.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal("model file missing", _copy["wechat:m4"]["analysis_error"]!.GetValue<string>());
    }

    [Fact]
    public async Task AVersion8FileIsUpgradedToLogOnlyRealChangesAndToHoldTheReindexLease()
    {
        var failing = Corpus.Messages[3];
        var ids = await SeedAsync([.. Corpus.Messages.Select(m => m == failing ? m with { Analysis = null } : m)]);
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.RecordAnalysisFailureAsync(ids["m4"], "model timed out", Corpus.At(20, 0), Token);
        }

        await ReindexAsync();
        await _folder.ExecuteAsync(OlderSchemas.Before9 + "PRAGMA user_version = 8;");
        SqliteConnection.ClearAllPools();
        // Schema 8's trigger logs the same failure written again (the statement RecordAnalysisFailureAsync runs).
        var sameFailure = $"UPDATE analyses SET state = 'failed', error = 'model timed out', due_at = 1 WHERE message_id = {ids["m4"]};";
        await _folder.ExecuteAsync(sameFailure);
        Assert.Equal(1, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));

        using (new SqliteMessageStore(_folder.DatabasePath))
        {
            // Opening the store upgrades the file.
        }

        Assert.Equal(SqliteSchema.LatestVersion, await _folder.ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM reindex_leases;"));
        Assert.Equal(["m4"], (await ReindexAsync()).Select(d => d["source_id"]!.GetValue<string>()));
        await _folder.ExecuteAsync(sameFailure);
        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
        await _folder.ExecuteAsync($"UPDATE analyses SET error = 'model file missing' WHERE message_id = {ids["m4"]};");
        Assert.Equal(1, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
    }

    [Fact]
    public async Task AMessageStoredAfterTheCopyIsCopiedOnceAndUnchangedMessagesNotAgain()
    {
        // The first save of a message past the copy (ingest, then the pipeline's analysis) logs no change: the id
        // walk copies it analysed, and the change pass must not send it a second time.
        var late = Corpus.Messages[^1];
        var ids = await SeedAsync([.. Corpus.Messages.Take(Corpus.Messages.Count - 1)]);
        await ReindexAsync();
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), [late], Token);
        }

        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
        var written = await ReindexAsync();

        Assert.Equal([late.Message.SourceId], written.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Empty(await ReindexAsync());
        Assert.Equal(ids.Count + 1, _copy.Count);
    }

    [Fact]
    public async Task ACaseResolvedWhileItsBatchIsBeingWrittenIsCopiedAgainByTheSameRun()
    {
        // The batch was read (and claimed) before the resolve, and its checkpoint is saved after it: the copy got the
        // open case, so the change must be logged although the message is past the saved checkpoint; the run's change
        // pass then copies it resolved.
        var ids = await SeedAsync(Corpus.Messages);
        var cases = new SqliteCaseWorkflow(_folder.DatabasePath);
        var resolved = false;
        var handler = new ReplayHandler(r =>
        {
            if (!r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
            {
                return (200, ElasticsearchFixtures.Read("index/create_index.response.json"));
            }

            if (!resolved && r.Body.Contains("\"m2\"", StringComparison.Ordinal))
            {
                resolved = cases.ResolveAsync(ids["m2"], Corpus.At(3, 9), Token).GetAwaiter().GetResult();
            }

            return (200, BulkAnswers.AllCreated(r));
        });
        await Index(handler).ReindexAsync(3, null, Token);
        var m2 = Documents(handler).Where(d => d["source_id"]!.GetValue<string>() == "m2").ToList();
        foreach (var document in Documents(handler))
        {
            _copy[document["source_kind"]!.GetValue<string>() + ":" + document["source_id"]!.GetValue<string>()] = document;
        }

        Assert.True(resolved);
        Assert.Equal(["open", "resolved"], m2.Select(d => d["case_status"]!.GetValue<string>()));
        Assert.DoesNotContain("m2", Queue());
        Assert.Empty(await ReindexAsync());
    }

    [Fact]
    public async Task AChangedMessageDeletedBeforeTheReindexIsNotWrittenBack()
    {
        var ids = await SeedAsync(Corpus.Messages);
        await ReindexAsync();
        var cases = new SqliteCaseWorkflow(_folder.DatabasePath);
        await cases.ReplyAsync(ids["m1"], Corpus.At(0, 10), Token);
        await cases.ReplyAsync(ids["m2"], Corpus.At(0, 23.75), Token);
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            var purged = await store.PurgeReceivedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), 1, Token);
            Assert.Equal(["m1"], purged.Removed.Select(m => m.Message.SourceId));
        }

        var written = await ReindexAsync();

        Assert.Equal(["m2"], written.Select(d => d["source_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AVersion7FileWithACopyIsUpgradedAndItsCopiedMessagesAreCopiedOnceMore()
    {
        await SeedAsync(Corpus.Messages);
        await _folder.ExecuteAsync(OlderSchemas.Before8 + """
            INSERT INTO reindex_checkpoints (target, last_id, updated_at) VALUES ('monitor-messages', 4, 0);
            PRAGMA user_version = 7;
            """);
        SqliteConnection.ClearAllPools();

        using (new SqliteMessageStore(_folder.DatabasePath))
        {
            // Opening the store upgrades the file.
        }

        Assert.Equal(SqliteSchema.LatestVersion, await _folder.ScalarAsync("PRAGMA user_version;"));
        Assert.Equal(4, await _folder.ScalarAsync("SELECT count(*) FROM message_changes;"));
        var handler = Answering();
        var done = await Index(handler).ReindexAsync(3, null, Token);
        var written = Documents(handler).Select(d => d["message_id"]!.GetValue<long>()).ToList();

        Assert.Equal(Enumerable.Range(5, Corpus.Messages.Count - 4).Select(i => (long)i).Concat([1, 2, 3, 4]), written);
        Assert.Equal((Corpus.Messages.Count - 4, 4), (done.Copied, done.Recopied));
        Assert.Empty(await ReindexAsync());
    }

    private async Task<IReadOnlyDictionary<string, long>> SeedAsync(IReadOnlyList<SeedMessage> messages)
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        return await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), messages, Token);
    }

    /// <summary>Runs a reindex against the fake node; returns the documents it wrote, in order, and keeps them.</summary>
    private async Task<List<JsonObject>> ReindexAsync()
    {
        var handler = Answering();
        await Index(handler).ReindexAsync(3, null, Token);
        var documents = Documents(handler);
        foreach (var document in documents)
        {
            _copy[document["source_kind"]!.GetValue<string>() + ":" + document["source_id"]!.GetValue<string>()] = document;
        }

        return documents;
    }

    /// <summary>The urgent queue by the rule the Elasticsearch query sends (case_rank &lt; 3; rank, urgency desc, deadline).</summary>
    private List<string> Queue() =>
    [
        .. _copy.Values.Where(d => d["case_rank"]?.GetValue<int>() < 3)
            .OrderBy(d => d["case_rank"]!.GetValue<int>())
            .ThenByDescending(d => d["urgency"]?.GetValue<int>() ?? -1)
            .ThenBy(d => d["deadline_at"]?.GetValue<long>() ?? long.MaxValue)
            .Select(d => d["source_id"]!.GetValue<string>()),
    ];

    private static ReplayHandler Answering() => new(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal)
        ? (200, BulkAnswers.AllCreated(r))
        : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));

    private static List<JsonObject> Documents(ReplayHandler handler) =>
    [
        .. handler.Requests.Where(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
            .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1))
            .Select(line => JsonNode.Parse(line)!.AsObject()),
    ];

    private ElasticsearchIndex Index(ReplayHandler handler) =>
        FakeElasticsearch.Index(handler, new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero }, _folder.DatabasePath);

}
