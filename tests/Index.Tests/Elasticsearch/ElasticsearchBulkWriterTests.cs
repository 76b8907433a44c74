using System.Text.Json.Nodes;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>The bulk writer against recorded Elasticsearch answers (../shared/data/elasticsearch/bulk, errors).</summary>
public sealed class ElasticsearchBulkWriterTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BulkBodyIsNdjsonWithTheMonthlyIndexAndTheMessagesNaturalKeyAsId()
    {
        var handler = new ReplayHandler(r => (200, BulkAnswers.AllCreated(r)));

        var report = await Index(handler).WriteAsync(Messages(3), BulkAction.Index, Token);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.StartsWith("/_bulk", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ndjson", request.ContentType, StringComparison.Ordinal);
        Assert.EndsWith("\n", request.Body, StringComparison.Ordinal);
        var actions = BulkAnswers.Actions(request);
        Assert.Equal(["wechat:m1", "wechat:m2", "wechat:m3"], actions.Select(a => a.Meta["_id"]!.GetValue<string>()));
        Assert.All(actions, a => Assert.Equal("index", a.Name));
        Assert.Equal("monitor-messages-2025.03", actions[0].Meta["_index"]!.GetValue<string>());
        var document = JsonNode.Parse(request.Body.Split('\n')[1])!;
        Assert.Equal("河道 污染 m1", document["tokens"]!.GetValue<string>());
        Assert.Equal(new BulkWriteReport(3, 0, 0, 0), report);
    }

    [Fact]
    public async Task BatchesAreCutByCountAndByBytes()
    {
        var byCount = new ReplayHandler(r => (200, BulkAnswers.AllCreated(r)));
        var byBytes = new ReplayHandler(r => (200, BulkAnswers.AllCreated(r)));

        await Index(byCount, o => o.BulkMaxCount = 3).WriteAsync(Messages(10), BulkAction.Index, Token);
        await Index(byBytes, o => o.BulkMaxBytes = 1500).WriteAsync(Messages(10), BulkAction.Index, Token);

        Assert.Equal([3, 3, 3, 1], byCount.Requests.Select(r => BulkAnswers.Actions(r).Count));
        Assert.True(byBytes.Requests.Count > 1);
        Assert.All(byBytes.Requests, r => Assert.True(r.Body.Length < 3000));
        Assert.Equal(10, byBytes.Requests.Sum(r => BulkAnswers.Actions(r).Count));
    }

    [Fact]
    public async Task ConflictOnCreateMeansTheDocumentIsAlreadyThere()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("bulk/bulk_409_create_conflict.response.json")));

        var report = await Index(handler).WriteAsync(Messages(2), BulkAction.Create, Token);

        Assert.Equal(new BulkWriteReport(1, 1, 0, 0), report);
        Assert.Equal("create", BulkAnswers.Actions(handler.Requests[0])[0].Name);
    }

    [Fact]
    public async Task NotFoundOnDeleteMeansTheDocumentIsAlreadyGone()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("bulk/bulk_success_with_delete_not_found.response.json")));

        var report = await Index(handler).WriteAsync(Messages(4), BulkAction.Delete, Token);

        Assert.Equal(new BulkWriteReport(3, 1, 0, 0), report);
        Assert.Equal(4, handler.Requests[0].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task ItemRejectedWith429IsSentAgainAloneAndThenWritten()
    {
        var answers = new Queue<Func<RecordedRequest, string>>(
            [_ => ElasticsearchFixtures.Read("bulk/bulk_429_item_rejected_es7.response.json"), BulkAnswers.AllCreated]);
        var handler = new ReplayHandler(r => (200, answers.Dequeue()(r)));

        var report = await Index(handler).WriteAsync(Messages(2), BulkAction.Index, Token);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(["wechat:m1"], BulkAnswers.Actions(handler.Requests[1]).Select(a => a.Meta["_id"]!.GetValue<string>()));
        Assert.Equal(new BulkWriteReport(2, 0, 1, 0), report);
    }

    [Fact]
    public async Task WholeRequestRejectedWith429IsRetriedWithBackoff()
    {
        var calls = 0;
        var handler = new ReplayHandler(r => ++calls == 1
            ? (429, ElasticsearchFixtures.Read("errors/es_rejected_execution_exception_429_indexing_pressure.json"))
            : (200, BulkAnswers.AllCreated(r)));

        var report = await Index(handler).WriteAsync(Messages(3), BulkAction.Index, Token);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Equal(new BulkWriteReport(3, 0, 1, 0), report);
    }

    [Fact]
    public async Task OtherItemFailuresAreDeadLetteredWithTheirReason()
    {
        var handler = new ReplayHandler(_ => (400, ElasticsearchFixtures.Read("bulk/bulk_400_document_parsing_exception_es8.response.json")));
        var index = Index(handler);

        var report = await index.WriteAsync(Messages(1), BulkAction.Create, Token);

        Assert.Equal(new BulkWriteReport(0, 0, 0, 1), report);
        var letter = Assert.Single(await index.DeadLettersAsync(Token));
        Assert.Equal("wechat:m1", letter.DocumentId);
        Assert.Equal(400, letter.Status);
        Assert.Equal("document_parsing_exception", letter.ErrorType);
        Assert.False(string.IsNullOrWhiteSpace(letter.Reason));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ADocumentRefusedAgainKeepsOneDeadLetterWithTheNewestReason()
    {
        var handler = new ReplayHandler(_ => (400, ElasticsearchFixtures.Read("bulk/bulk_400_document_parsing_exception_es8.response.json")));
        var index = Index(handler);

        await index.WriteAsync(Messages(1), BulkAction.Create, Token);
        await index.WriteAsync(Messages(1), BulkAction.Create, Token);

        Assert.Equal(2, handler.Requests.Count);
        var letter = Assert.Single(await index.DeadLettersAsync(Token));
        Assert.Equal(("wechat:m1", "document_parsing_exception"), (letter.DocumentId, letter.ErrorType));
    }

    [Fact]
    public async Task ThrottlingThatNeverEndsIsDeadLetteredAfterTheLastRetry()
    {
        var handler = new ReplayHandler(_ => (429, ElasticsearchFixtures.Read("errors/circuit_breaking_exception_429.json")));
        var index = Index(handler, o => o.MaxRetries = 2);

        var report = await index.WriteAsync(Messages(2), BulkAction.Index, Token);

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(new BulkWriteReport(0, 0, 2, 2), report);
        Assert.All(await index.DeadLettersAsync(Token), l => Assert.Equal(429, l.Status));
    }

    [Theory]
    [InlineData(3)] // two results for three actions
    [InlineData(2)] // as many results as actions, but without their status or _id
    public async Task A200WithoutOneResultPerActionIsSentAgainAndNoDocumentIsDeadLettered(int count)
    {
        // The recorded answer of POST /_bulk?filter_path=items.*.error: a 200 whose items are not the request's.
        var calls = 0;
        var handler = new ReplayHandler(r => (200, ++calls == 1 ? ElasticsearchFixtures.Read("bulk/bulk_filter_path_errors_only.response.json") : BulkAnswers.AllCreated(r)));
        var index = Index(handler);

        var report = await index.WriteAsync(Messages(count), BulkAction.Index, Token);

        Assert.Equal(new BulkWriteReport(count, 0, 1, 0), report);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
        Assert.Empty(await index.DeadLettersAsync(Token));
    }

    [Fact]
    public async Task A200WithoutItemsThatPersistsFailsTheWriteNamingTheAnswerAndDeadLettersNothing()
    {
        var handler = new ReplayHandler(_ => (200, """{"took":3,"errors":false}"""));
        var index = Index(handler, o => o.MaxRetries = 2);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => index.WriteAsync(Messages(3), BulkAction.Index, Token));

        Assert.Contains("_bulk of 3 index actions with HTTP 200 but 0 item results", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 of 3 attempts", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Empty(await index.DeadLettersAsync(Token));
    }

    private ElasticsearchIndex Index(ReplayHandler handler, Action<ElasticsearchOptions>? configure = null)
    {
        var options = new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero };
        configure?.Invoke(options);
        return FakeElasticsearch.Index(handler, options, _folder.DatabasePath);
    }

    private static List<StoredMessage> Messages(int count) =>
    [
        .. Enumerable.Range(1, count).Select(i => new StoredMessage
        {
            Id = i,
            Message = Some.Message("m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)) with { Time = Corpus.At(0, i) },
            CaseNumber = "20250303-00000" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReceivedAt = Corpus.At(0, i),
            DeliveryCount = 1,
            AnalysisState = "done",
            Analysis = new StoredAnalysis(["河道", "污染", "m" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)], "negative", 0.8, "m", "d", Corpus.At(0, i)),
        }),
    ];
}
