using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Sqlite;

/// <summary>
/// The backup and restore of docs/OPERATIONS.md: <c>VACUUM INTO</c> on the live store while it is being written,
/// then the copy put in place of a data folder's monitor.db and opened by the store as after a restore.
/// </summary>
public sealed class SqliteBackupTests : IDisposable
{
    private readonly TempDataFolder _live = new();
    private readonly TempDataFolder _restored = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlineBackupTakenDuringWritesRestoresToAConsistentWorkingStore()
    {
        using var store = new SqliteMessageStore(_live.DatabasePath);
        var seeded = await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_live.DatabasePath), Corpus.Messages, Token);
        var analysedAtBackup = (await store.CountAsync(Token)).Analysed;

        // Another writer (the callback) keeps storing while the backup runs.
        using var writer = new SqliteMessageStore(_live.DatabasePath);
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await writer.IngestAsync(Some.Delivery(), Some.Message("live-" + written.ToString(CultureInfo.InvariantCulture)), Token);
                written++;
            }
        }, Token);
        while (written < 20)
        {
            await Task.Delay(5, Token);
        }

        var backup = Path.Combine(_restored.Path, "backup.db");
        await using (var connection = new SqliteConnection($"Data Source={_live.DatabasePath}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; VACUUM INTO $target;";
            command.Parameters.AddWithValue("$target", backup);
            await command.ExecuteNonQueryAsync(Token);
        }

        var writtenBeforeBackupEnded = written;
        await stop.CancelAsync();
        await writing;
        SqliteConnection.ClearAllPools();

        // Restore: the copy becomes monitor.db of an empty data folder (no -wal/-shm beside it), and the store opens it.
        File.Move(backup, _restored.DatabasePath);
        using var restored = new SqliteMessageStore(_restored.DatabasePath);
        var counts = await restored.CountAsync(Token);
        Assert.Equal("ok", await ScalarAsync(_restored.DatabasePath, "PRAGMA integrity_check;"));
        Assert.InRange(counts.Messages, seeded.Count + 1, seeded.Count + writtenBeforeBackupEnded);
        Assert.Equal(analysedAtBackup, counts.Analysed);
        Assert.Equal(counts.Messages - counts.Analysed, counts.Pending);
        Assert.Equal(analysedAtBackup, await ScalarAsync(_restored.DatabasePath, "SELECT sum(n) FROM daily_counts WHERE dim = 'sentiment';"));
        Assert.Equal(analysedAtBackup, await ScalarAsync(_restored.DatabasePath, "SELECT count(*) FROM messages_fts_docsize;"));

        // Every message of the copy is the live store's message with the same id, text and analysis.
        var live = new Dictionary<long, StoredMessage>();
        await foreach (var message in store.ExportAsync(Token))
        {
            live[message.Id] = message;
        }

        await foreach (var copy in restored.ExportAsync(Token))
        {
            var original = live[copy.Id];
            Assert.Equal(original.Message.SourceId, copy.Message.SourceId);
            Assert.Equal(original.Message.Text, copy.Message.Text);
            Assert.Equal(original.CaseNumber, copy.CaseNumber);
            Assert.Equal(original.Analysis?.SentimentLabel, copy.Analysis?.SentimentLabel);
        }

        // The restored store works: a message it holds is still deduplicated, a new one is stored.
        Assert.False((await restored.IngestAsync(Some.Delivery(), Some.Message("live-0"), Token)).Created);
        Assert.True((await restored.IngestAsync(Some.Delivery(), Some.Message("after-restore"), Token)).Created);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _live.Dispose();
        _restored.Dispose();
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(Token);
        return value is long l ? l : value;
    }
}
