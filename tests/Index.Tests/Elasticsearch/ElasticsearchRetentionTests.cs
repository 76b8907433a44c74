using System.Text;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Retention;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;
using Monitor.Ingest;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>The Elasticsearch copy follows a purge and an erasure of the SQLite store (recorded bulk answers).</summary>
public sealed class ElasticsearchRetentionTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PurgedMessagesAreDeletedByIdAndNotFoundCountsAsDone()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        for (var i = 1; i <= 4; i++)
        {
            await store.IngestAsync(Delivery(old), Some.Message("m" + i) with { Time = Corpus.At(0, i) }, Token);
        }

        await store.IngestAsync(Delivery(DateTimeOffset.UtcNow), Some.Message("keep"), Token);
        var batch = await store.PurgeReceivedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-365), 100, Token);
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("bulk/bulk_success_with_delete_not_found.response.json")));

        var report = await Index(handler).RemoveAsync(batch, Token);

        var actions = BulkAnswers.Actions(Assert.Single(handler.Requests));
        Assert.All(actions, a => Assert.Equal("delete", a.Name));
        Assert.Equal(["wechat:m1", "wechat:m2", "wechat:m3", "wechat:m4"], actions.Select(a => a.Meta["_id"]!.GetValue<string>()));
        Assert.Equal(new BulkWriteReport(3, 1, 0, 0), report);
        Assert.Empty(await Index(handler).DeadLettersAsync(Token));
    }

    [Fact]
    public async Task ErasureDeletesTheOldDocumentsAndWritesTheMessagesUnderTheNewPseudonym()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await store.IngestAsync(Delivery(DateTimeOffset.UtcNow), Some.Message("a1") with { Author = "u_alice" }, Token);
        await store.IngestAsync(Delivery(DateTimeOffset.UtcNow), Some.Message("u_alice:subscribe") with { Author = "u_alice", Kind = "event-subscribe", Text = string.Empty }, Token);
        var erasure = await store.EraseForCopiesAsync("u_alice", Token);
        var handler = new ReplayHandler(r => (200, BulkAnswers.AllCreated(r)));

        await Index(handler).FollowAsync(erasure, Token);

        Assert.Equal(2, handler.Requests.Count);
        var deletes = BulkAnswers.Actions(handler.Requests[0]);
        Assert.Equal(["wechat:a1", "wechat:u_alice:subscribe"], deletes.Select(a => a.Meta["_id"]!.GetValue<string>()));
        Assert.All(deletes, a => Assert.Equal("delete", a.Name));
        var writes = BulkAnswers.Actions(handler.Requests[1]);
        Assert.All(writes, a => Assert.Equal("index", a.Name));
        Assert.DoesNotContain("u_alice", handler.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains(erasure.After[0].Message.Author!, handler.Requests[1].Body, StringComparison.Ordinal);
    }

    private ElasticsearchIndex Index(ReplayHandler handler) =>
        FakeElasticsearch.Index(handler, new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero, RetryMaxDelay = TimeSpan.Zero }, _folder.DatabasePath);

    private static RawDelivery Delivery(DateTimeOffset at) => new() { Channel = "wechat-callback", ReceivedAt = at, Body = Encoding.UTF8.GetBytes("<xml/>") };
}
