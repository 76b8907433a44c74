using System.Text.Json;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

public sealed class ElasticsearchReindexTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task AnInterruptedReindexContinuesAfterTheLastCopiedMessage()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        }

        var bulks = 0;
        var failing = new ReplayHandler(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal)
            ? ++bulks <= 2 ? (200, BulkAnswers.AllCreated(r)) : throw new HttpRequestException("connection refused")
            : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));
        await Assert.ThrowsAsync<HttpRequestException>(() => Index(failing).ReindexAsync(3, null, Token));

        var resumed = new ReplayHandler(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal)
            ? (200, BulkAnswers.AllCreated(r))
            : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));
        var reports = new List<ReindexProgress>();
        var done = await Index(resumed).ReindexAsync(3, new Recorder(reports), Token);

        var copied = resumed.Requests.Where(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
            .SelectMany(BulkAnswers.Actions).Select(a => a.Meta["_id"]!.GetValue<string>()).ToList();
        Assert.Equal(Corpus.Messages.Skip(6).Select(m => m.Message.SourceKind + ":" + m.Message.SourceId), copied);
        Assert.Equal(Corpus.Messages.Count - 6, done.Total);
        Assert.Equal(done.Total, done.Copied);
        Assert.Equal(Corpus.Messages.Count, done.LastId);
        Assert.Equal(0, reports[0].Copied);
    }

    [Fact]
    public async Task AReindexStopsBeforeAMessageWaitingForItsAnalysisAndTheNextRunCopiesItAnalysed()
    {
        // The third message is stored but not analysed yet when the timer's reindex runs (found by the end-to-end
        // fault run: the checkpoint passed such messages, copied as pending, and their analysis never reached the copy).
        var waiting = Corpus.Messages[2];
        IReadOnlyDictionary<string, long> ids;
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            ids = await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath),
                [.. Corpus.Messages.Select(m => m == waiting ? m with { Analysis = null } : m)], Token);
        }

        var first = Answering();
        var stopped = await Index(first).ReindexAsync(4, null, Token);
        Assert.Equal(Corpus.Messages.Take(2).Select(m => m.Message.SourceId), Documents(first).Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal((2, Corpus.Messages.Count), (stopped.Copied, (int)stopped.Total));

        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await store.SaveAnalysesAsync([waiting.Analysis! with { MessageId = ids[waiting.Message.SourceId] }], Token);
        }

        var second = Answering();
        await Index(second).ReindexAsync(4, null, Token);
        var again = Documents(second);
        Assert.Equal(Corpus.Messages.Skip(2).Select(m => m.Message.SourceId), again.Select(d => d["source_id"]!.GetValue<string>()));
        Assert.Equal("done", again[0]["analysis_state"]!.GetValue<string>());
        Assert.Equal(waiting.Analysis!.Sentiment.Label, again[0]["sentiment"]!.GetValue<string>());

        var third = Answering();
        await Index(third).ReindexAsync(4, null, Token);
        Assert.Empty(Documents(third));

        static ReplayHandler Answering() => new(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal)
            ? (200, BulkAnswers.AllCreated(r))
            : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));

        static List<System.Text.Json.Nodes.JsonObject> Documents(ReplayHandler handler) =>
        [
            .. handler.Requests.Where(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
                .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1))
                .Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject()),
        ];
    }

    [Fact]
    public async Task EveryCopiedAnalysisSaysWhichModelsAndDictionaryProducedIt()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        }

        var handler = new ReplayHandler(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal)
            ? (200, BulkAnswers.AllCreated(r))
            : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));
        await Index(handler).ReindexAsync(100, null, Token);

        var documents = handler.Requests.Where(r => r.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
            .SelectMany(r => r.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where((_, i) => i % 2 == 1))
            .Select(line => System.Text.Json.Nodes.JsonNode.Parse(line)!.AsObject())
            .ToList();
        Assert.Equal(Corpus.Messages.Count, documents.Count);
        Assert.All(documents, d =>
        {
            Assert.Equal("sentiment-test", d["model_version"]?.GetValue<string>());
            Assert.Equal("jieba-test", d["dictionary_version"]?.GetValue<string>());
        });
        var back = MessageDocuments.ToStored(documents[0].Deserialize<MessageDocument>()!);
        Assert.Equal(("sentiment-test", "jieba-test"), (back.Analysis!.ModelVersion, back.Analysis.DictionaryVersion));
    }

    private ElasticsearchIndex Index(ReplayHandler handler) =>
        FakeElasticsearch.Index(handler, new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero }, _folder.DatabasePath);

    private sealed class Recorder(List<ReindexProgress> reports) : IProgress<ReindexProgress>
    {
        public void Report(ReindexProgress value) => reports.Add(value);
    }
}
