using Monitor.Index.Elasticsearch;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>
/// One reindex per copy at a time, through the lease in the store file (schema 9): two runs started together, a
/// lease left behind by a killed run, a run that fails, a run whose lease was taken over — on real SQLite files.
/// </summary>
public sealed class ElasticsearchReindexLeaseTests : IDisposable
{
    private const string Target = "monitor-messages";

    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task OfTwoRunsStartedTogetherOneCopiesAndTheOtherRefusesSayingWhoHoldsTheLeaseUntilWhen()
    {
        await SeedAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (firstHandler, secondHandler) = (Held(gate), Held(gate));
        var started = DateTimeOffset.UtcNow;

        var first = Task.Run(() => Index(firstHandler).ReindexAsync(3, null, Token), Token);
        var second = Task.Run(() => Index(secondHandler).ReindexAsync(3, null, Token), Token);
        // The run holding the lease waits at its first _bulk until the gate opens; the other one must end on its own.
        var refused = await Task.WhenAny(first, second).WaitAsync(TimeSpan.FromSeconds(60), Token);
        var error = await Assert.ThrowsAsync<ReindexLeaseHeldException>(() => refused);
        gate.SetResult();
        var copied = await (refused == first ? second : first);

        Assert.Equal((Corpus.Messages.Count, (long)Corpus.Messages.Count), (copied.Copied, copied.Total));
        Assert.Empty((refused == first ? firstHandler : secondHandler).Requests);
        Assert.Equal((Environment.ProcessId, Environment.MachineName, Target), (error.Holder.ProcessId, error.Holder.Host, error.Holder.Target));
        Assert.InRange(error.Holder.ExpiresAt, started, DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
        Assert.Contains($"pid {Environment.ProcessId} on {Environment.MachineName}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"until {error.Holder.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM reindex_leases;"));
    }

    [Fact]
    public async Task ARunLongerThanItsLeaseRenewsItSoASecondRunStartedLaterIsStillRefused()
    {
        await SeedAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var atBulk = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new ReplayHandler(r =>
        {
            if (IsBulk(r))
            {
                atBulk.TrySetResult();
                gate.Task.Wait(TimeSpan.FromSeconds(60));
                return (200, BulkAnswers.AllCreated(r));
            }

            return (200, ElasticsearchFixtures.Read("index/create_index.response.json"));
        });
        var options = new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero, ReindexLeaseDuration = TimeSpan.FromSeconds(1) };
        var first = Task.Run(() => FakeElasticsearch.Index(held, options, _folder.DatabasePath).ReindexAsync(3, null, Token), Token);
        await atBulk.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);

        // Three lease durations later, without renewal the lease would long have expired.
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        var error = await Assert.ThrowsAsync<ReindexLeaseHeldException>(
            () => FakeElasticsearch.Index(Answering(), options, _folder.DatabasePath).ReindexAsync(3, null, Token));
        gate.SetResult();

        Assert.True(error.Holder.ExpiresAt > error.Holder.TakenAt + TimeSpan.FromSeconds(1), $"renewed until {error.Holder.ExpiresAt:O}, taken {error.Holder.TakenAt:O}");
        Assert.Equal(Corpus.Messages.Count, (await first).Copied);
    }

    [Fact]
    public async Task ALeaseStillValidStopsARunBeforeItTouchesTheNode()
    {
        await SeedAsync();
        // Whole milliseconds, as the store keeps them.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var other = new ReindexLease(Target, "other-run", "web-2", 4242, "monitor", now.AddSeconds(-20), now.AddSeconds(40));
        Assert.Null(await new SqliteReindexState(_folder.DatabasePath).TryTakeLeaseAsync(other, now, Token));
        var handler = Answering();

        var error = await Assert.ThrowsAsync<ReindexLeaseHeldException>(() => Index(handler).ReindexAsync(3, null, Token));

        Assert.Equal(other, error.Holder);
        Assert.Contains("pid 4242 on web-2 (user monitor)", error.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
        Assert.Equal(other, await new SqliteReindexState(_folder.DatabasePath).LeaseAsync(Target, Token));
    }

    [Fact]
    public async Task TheExpiredLeaseOfAKilledRunIsTakenOverAndTheCopyCompletes()
    {
        await SeedAsync();
        var now = DateTimeOffset.UtcNow;
        // A run killed with -9 ten minutes ago: it never released its lease, and stopped renewing it a minute later.
        var killed = new ReindexLease(Target, "killed-run", "web-1", 999_999, "monitor", now.AddMinutes(-10), now.AddMinutes(-9));
        Assert.Null(await new SqliteReindexState(_folder.DatabasePath).TryTakeLeaseAsync(killed, now.AddMinutes(-10), Token));

        var done = await Index(Answering()).ReindexAsync(3, null, Token);

        Assert.Equal(Corpus.Messages.Count, done.Copied);
        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM reindex_leases;"));
    }

    [Fact]
    public async Task ARunThatFailsGivesItsLeaseUpAndTheNextRunContinues()
    {
        await SeedAsync();
        var bulks = 0;
        var failing = new ReplayHandler(r => IsBulk(r)
            ? ++bulks <= 1 ? (200, BulkAnswers.AllCreated(r)) : throw new HttpRequestException("connection refused")
            : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));
        await Assert.ThrowsAsync<HttpRequestException>(() => Index(failing).ReindexAsync(3, null, Token));

        Assert.Equal(0, await _folder.ScalarAsync("SELECT count(*) FROM reindex_leases;"));
        var done = await Index(Answering()).ReindexAsync(3, null, Token);
        Assert.Equal(Corpus.Messages.Count - 3, done.Copied);
    }

    [Fact]
    public async Task ARunWhoseLeaseWasTakenOverStopsAndLeavesTheLeaseToTheNewHolder()
    {
        await SeedAsync();
        var bulks = 0;
        var handler = new ReplayHandler(r =>
        {
            if (!IsBulk(r))
            {
                return (200, ElasticsearchFixtures.Read("index/create_index.response.json"));
            }

            if (++bulks == 1)
            {
                // This run stalls past its lease (300 ms) and another run takes it over; its next renewal finds that.
                _folder.ExecuteAsync("UPDATE reindex_leases SET owner = 'newer-run', host = 'web-3', pid = 77;").GetAwaiter().GetResult();
                Thread.Sleep(2000);
            }

            return (200, BulkAnswers.AllCreated(r));
        });
        var options = new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero, ReindexLeaseDuration = TimeSpan.FromMilliseconds(300) };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => FakeElasticsearch.Index(handler, options, _folder.DatabasePath).ReindexAsync(3, null, Token));

        Assert.Contains("lost its lease", error.Message, StringComparison.Ordinal);
        Assert.Contains("pid 77 on web-3", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, bulks);
        Assert.Equal("newer-run", (await new SqliteReindexState(_folder.DatabasePath).LeaseAsync(Target, Token))?.Owner);
    }

    private async Task SeedAsync()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
    }

    private static bool IsBulk(RecordedRequest request) => request.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal);

    private static ReplayHandler Answering() => new(r => IsBulk(r)
        ? (200, BulkAnswers.AllCreated(r))
        : (200, ElasticsearchFixtures.Read("index/create_index.response.json")));

    /// <summary>A node whose <c>_bulk</c> answers only once <paramref name="gate"/> opens.</summary>
    private static ReplayHandler Held(TaskCompletionSource gate) => new(r =>
    {
        if (IsBulk(r))
        {
            gate.Task.Wait(TimeSpan.FromSeconds(60));
            return (200, BulkAnswers.AllCreated(r));
        }

        return (200, ElasticsearchFixtures.Read("index/create_index.response.json"));
    });

    private ElasticsearchIndex Index(ReplayHandler handler) =>
        FakeElasticsearch.Index(handler, new ElasticsearchOptions { RetryBaseDelay = TimeSpan.Zero }, _folder.DatabasePath);
}
