using Microsoft.Data.Sqlite;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Sqlite;

public sealed class SqliteBusyWaitTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriterWaitingForAnotherProcessesLockTriesEveryMillisecondAndStoresOnceItIsFree()
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await store.IngestAsync(Some.Delivery(), Some.Message("before"), Token);

        // A connection of its own, not the store's, holding the write lock: another process, such as an import.
        await using var other = new SqliteConnection($"Data Source={_folder.DatabasePath};Pooling=False");
        await other.OpenAsync(Token);
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            await begin.ExecuteNonQueryAsync(Token);
        }

        var triesBefore = SqliteBusyWait.Tries;
        var waiting = Task.Run(() => store.IngestAsync(Some.Delivery(), Some.Message("while-locked"), Token), Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        Assert.False(waiting.IsCompleted, "the store wrote while another connection held the write lock");

        await using (var commit = other.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync(Token);
        }

        var outcome = await waiting;
        Assert.True(outcome.Created);
        Assert.Equal(2, (await store.CountAsync(Token)).Messages);
        Assert.True(SqliteBusyWait.Available);
        // SQLite's own handler (1, 2, 5 … 100 ms apart) tries at most 13 times in 500 ms; ours about once a millisecond.
        Assert.True(SqliteBusyWait.Tries - triesBefore > 40, $"only {SqliteBusyWait.Tries - triesBefore} tries in 500 ms of waiting");
    }

    public void Dispose() => _folder.Dispose();
}
