using Microsoft.Data.Sqlite;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Sqlite;

public sealed class SqliteMessageStoreTests : IDisposable
{
    private readonly TempDataFolder _folder = new();
    private readonly SqliteMessageStore _store;

    public SqliteMessageStoreTests() => _store = new SqliteMessageStore(_folder.DatabasePath);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameMessageDeliveredThreeTimesIsStoredOnceWithEveryDeliveryKept()
    {
        var first = await _store.IngestAsync(Some.Delivery(), Some.Message("6054768590064713728"), Token);
        var second = await _store.IngestAsync(Some.Delivery(), Some.Message("6054768590064713728"), Token);
        var third = await _store.IngestAsync(Some.Delivery(), Some.Message("6054768590064713728"), Token);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.False(third.Created);
        Assert.Equal(first.MessageId, third.MessageId);
        Assert.Equal(first.CaseNumber, third.CaseNumber);
        var counts = await _store.CountAsync(Token);
        Assert.Equal(1, counts.Messages);
        Assert.Equal(3, counts.Deliveries);
        var stored = Assert.Single(await _store.LatestAsync(10, null, Token));
        Assert.Equal(3, stored.DeliveryCount);
    }

    [Fact]
    public async Task EveryStoredMessageGetsTheCaseNumberOfItsDayAndRowNumberAndARepeatKeepsIt()
    {
        var delivery = Some.Delivery();
        var single = await _store.IngestAsync(delivery, Some.Message("a"), Token);
        Assert.Equal(CaseNumber.For(delivery.ReceivedAt, single.MessageId!.Value), single.CaseNumber);

        // A row number past six digits (the store has been running a long time): the number is not cut.
        await _folder.ExecuteAsync("""
            INSERT INTO messages (id, source_kind, source_id, account, time, kind, text, received_at, case_number)
            VALUES (1234567, 'import', 'old', 'gh_test', 0, 'text', '旧消息', 0, 'old-case');
            """);
        var batch = await _store.IngestBatchAsync([Some.Message("b"), Some.Message("c"), Some.Message("a")], Token);
        Assert.Equal(2, batch.Created);

        var stored = (await _store.LatestAsync(10, null, Token)).ToDictionary(m => m.Message.SourceId);
        Assert.Equal(1234568, stored["b"].Id);
        Assert.Equal(1234569, stored["c"].Id);
        Assert.Equal(CaseNumber.For(stored["b"].ReceivedAt, 1234568), stored["b"].CaseNumber);
        Assert.Equal(CaseNumber.For(stored["c"].ReceivedAt, 1234569), stored["c"].CaseNumber);
        Assert.EndsWith("-1234569", stored["c"].CaseNumber, StringComparison.Ordinal);
        Assert.Equal(single.CaseNumber, stored["a"].CaseNumber);
        Assert.Equal(2, stored["a"].DeliveryCount);
    }

    [Fact]
    public async Task ConcurrentDeliveriesOfOneMessageStoreItOnce()
    {
        var tasks = Enumerable.Range(0, 12)
            .Select(_ => Task.Run(() => _store.IngestAsync(Some.Delivery(), Some.Message("42"), Token), Token));
        var outcomes = await Task.WhenAll(tasks);

        Assert.Single(outcomes, o => o.Created);
        Assert.Single(outcomes.Select(o => o.MessageId).Distinct());
        Assert.Equal(1, (await _store.CountAsync(Token)).Messages);
    }

    [Fact]
    public async Task ConcurrentWritersInTwoStoreInstancesStoreEachMessageOnce()
    {
        // Two instances on one file stand for two processes (serve and an import) sharing the data folder.
        using var other = new SqliteMessageStore(_folder.DatabasePath);
        var writes = Enumerable.Range(0, 40).Select(i => Task.Run(
            () => (i % 2 == 0 ? _store : other).IngestAsync(Some.Delivery(), Some.Message((i % 10).ToString(System.Globalization.CultureInfo.InvariantCulture)), Token),
            Token));
        await Task.WhenAll(writes);

        Assert.Equal(10, (await _store.CountAsync(Token)).Messages);
    }

    [Fact]
    public async Task RejectedDeliveryIsKeptWithItsBytesAndReason()
    {
        var outcome = await _store.IngestAsync(Some.Delivery("<xml><broken", "line 1: unexpected end"), null, Token);

        Assert.Null(outcome.MessageId);
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, reason, body FROM deliveries WHERE id = $id";
        command.Parameters.AddWithValue("$id", outcome.DeliveryId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token));
        Assert.Equal("rejected", reader.GetString(0));
        Assert.Equal("line 1: unexpected end", reader.GetString(1));
        Assert.Equal("<xml><broken", System.Text.Encoding.UTF8.GetString((byte[])reader[2]));
        Assert.Equal(0, (await _store.CountAsync(Token)).Messages);
    }

    [Fact]
    public async Task TakenAnalysesAreLeasedSoASecondTakeGetsNone()
    {
        await _store.IngestAsync(Some.Delivery(), Some.Message("1"), Token);
        await _store.IngestAsync(Some.Delivery(), Some.Message("2"), Token);
        var now = DateTimeOffset.UtcNow;

        var taken = await _store.TakePendingAnalysesAsync(10, now, Token);
        var again = await _store.TakePendingAnalysesAsync(10, now, Token);

        Assert.Equal(2, taken.Count);
        Assert.Empty(again);
        Assert.All(taken, t => Assert.Equal(1, t.Attempts));
    }

    [Fact]
    public async Task FailedAnalysisWaitsForItsRetryTimeThenIsTakenAgain()
    {
        var id = (await _store.IngestAsync(Some.Delivery(), Some.Message("7"), Token)).MessageId!.Value;
        var now = DateTimeOffset.UtcNow;
        await _store.TakePendingAnalysesAsync(10, now, Token);

        await _store.RecordAnalysisFailureAsync(id, "sentiment: boom", now.AddSeconds(10), Token);

        Assert.Empty(await _store.TakePendingAnalysesAsync(10, now.AddSeconds(5), Token));
        var stored = Assert.Single(await _store.LatestAsync(1, null, Token));
        Assert.Equal("failed", stored.AnalysisState);
        Assert.Equal("sentiment: boom", stored.AnalysisError);
        var retried = Assert.Single(await _store.TakePendingAnalysesAsync(10, now.AddSeconds(11), Token));
        Assert.Equal(2, retried.Attempts);
    }

    [Fact]
    public async Task SavedAnalysisIsReadBackWithTokensSentimentAndVersions()
    {
        var id = (await _store.IngestAsync(Some.Delivery(), Some.Message("9"), Token)).MessageId!.Value;
        await _store.SaveAnalysesAsync(
            [
                new AnalysisResult
                {
                    MessageId = id,
                    Tokens = ["河道", "污染", "严重"],
                    Sentiment = SentimentPrediction.FromPositiveProbability(0.1),
                    ModelVersion = "sentiment-test",
                    DictionaryVersion = "jieba-test",
                    AnalysedAt = DateTimeOffset.UtcNow,
                },
            ],
            Token);

        var stored = Assert.Single(await _store.LatestAsync(1, null, Token));
        Assert.Equal("done", stored.AnalysisState);
        Assert.Equal(["河道", "污染", "严重"], stored.Analysis!.Tokens);
        Assert.Equal("negative", stored.Analysis.SentimentLabel);
        Assert.Equal(0.9, stored.Analysis.SentimentScore, 6);
        Assert.Equal("sentiment-test", stored.Analysis.ModelVersion);
        Assert.Empty(await _store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow.AddHours(1), Token));
    }

    [Fact]
    public async Task MessageWithNoTextIsSkippedByAnalysis()
    {
        await _store.IngestAsync(Some.Delivery(), Some.Message("evt", text: string.Empty), Token);

        Assert.Empty(await _store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow, Token));
        Assert.Equal("skipped", Assert.Single(await _store.LatestAsync(1, null, Token)).AnalysisState);
    }

    [Fact]
    public async Task ErasingAPersonKeepsTheirMessagesUnderAnUnlinkablePseudonymAndBlanksTheirRawDeliveries()
    {
        await _store.IngestAsync(Some.Delivery("<xml>openid-of-a</xml>"), Some.Message("a1") with { Author = "u_a" }, Token);
        await _store.IngestAsync(Some.Delivery("<xml>openid-of-a</xml>"), Some.Message("a2") with { Author = "u_a" }, Token);
        await _store.IngestAsync(Some.Delivery("<xml>openid-of-b</xml>"), Some.Message("b1") with { Author = "u_b" }, Token);

        var erased = await _store.ErasePersonAsync("u_a", Token);

        Assert.Equal(2, erased);
        var messages = (await _store.LatestAsync(10, null, Token)).ToDictionary(m => m.Message.SourceId);
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("x_", messages["a1"].Message.Author, StringComparison.Ordinal);
        Assert.Equal(messages["a1"].Message.Author, messages["a2"].Message.Author);
        Assert.Equal("u_b", messages["b1"].Message.Author);
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM deliveries WHERE length(body) > 0";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync(Token))!);
    }

    [Fact]
    public async Task MenuClicksAndViewsCountAsServiceUsesOnTheScorecard()
    {
        var now = DateTimeOffset.UtcNow;
        await _store.IngestAsync(Some.Delivery(), Some.Message("c1") with { Kind = "event:CLICK", Text = "REPORT_POLLUTION", Time = now.AddHours(-2) }, Token);
        await _store.IngestAsync(Some.Delivery(), Some.Message("v1") with { Kind = "event:VIEW", Text = "https://example.gov.cn/query", Time = now.AddHours(-1) }, Token);
        await _store.IngestAsync(Some.Delivery(), Some.Message("s1") with { Kind = "event:subscribe", Text = string.Empty, Time = now.AddHours(-1) }, Token);
        await _store.IngestAsync(Some.Delivery(), Some.Message("old") with { Kind = "event:CLICK", Text = "SERVICE_QUERY", Time = now.AddDays(-40) }, Token);

        var scorecard = await IndexServiceCollectionExtensions.OpenSqliteQueries(_folder.DatabasePath)
            .ScorecardAsync("gh_test", now.AddDays(-30), now, now, Token);

        Assert.Equal(2, scorecard.ServiceUses);
    }

    [Fact]
    public async Task EventsAreStoredButNotAnalysed()
    {
        await _store.IngestAsync(Some.Delivery(), Some.Message("evt-click") with { Kind = "event:CLICK", Text = "REPORT_POLLUTION" }, Token);

        Assert.Empty(await _store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow, Token));
        Assert.Equal("skipped", Assert.Single(await _store.LatestAsync(1, null, Token)).AnalysisState);
    }

    [Fact]
    public async Task ReopeningTheFileKeepsMessagesAndDoesNotReapplyMigrations()
    {
        await _store.IngestAsync(Some.Delivery(), Some.Message("1"), Token);

        using var reopened = new SqliteMessageStore(_folder.DatabasePath);

        Assert.Equal(1, (await reopened.CountAsync(Token)).Messages);
        await using var connection = new SqliteConnection($"Data Source={_folder.DatabasePath}");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version; ";
        Assert.Equal((long)SqliteSchema.LatestVersion, (long)(await command.ExecuteScalarAsync(Token))!);
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string)(await command.ExecuteScalarAsync(Token))!);
    }

    [Fact]
    public async Task ExportStreamsEveryMessageInStorageOrder()
    {
        foreach (var id in new[] { "3", "1", "2" })
        {
            await _store.IngestAsync(Some.Delivery(), Some.Message(id), Token);
        }

        var exported = new List<string>();
        await foreach (var m in _store.ExportAsync(Token))
        {
            exported.Add(m.Message.SourceId);
        }

        Assert.Equal(["3", "1", "2"], exported);
    }

    [Fact]
    public async Task BatchIngestCountsDuplicatesInsteadOfDoublingThem()
    {
        var first = await _store.IngestBatchAsync([Some.Message("a"), Some.Message("b")], Token);
        var second = await _store.IngestBatchAsync([Some.Message("b"), Some.Message("c")], Token);

        Assert.Equal(new BatchOutcome(2, 0), first);
        Assert.Equal(new BatchOutcome(1, 1), second);
        Assert.Equal(3, (await _store.CountAsync(Token)).Messages);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
