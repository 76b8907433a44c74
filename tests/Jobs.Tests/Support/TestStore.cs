using System.Text;
using Monitor.Index;
using Monitor.Ingest;

namespace Monitor.Jobs.Tests.Support;

/// <summary>A real SQLite store in a folder of its own.</summary>
public sealed class TestStore : IDisposable
{
    public TestStore()
    {
        Directory = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Store = IndexServiceCollectionExtensions.OpenSqlite(Path.Combine(Directory, "monitor.db"));
    }

    public string Directory { get; }

    public IMessageStore Store { get; }

    public Task<IngestOutcome> AddAsync(string sourceId, string text) =>
        Store.IngestAsync(
            new RawDelivery { Channel = "test", ReceivedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(text) },
            new Message { SourceKind = "wechat", SourceId = sourceId, Account = "gh_test", Time = DateTimeOffset.UtcNow, Text = text },
            TestContext.Current.CancellationToken);

    /// <summary>A message from a citizen (<paramref name="author"/> is the pseudonym) sent at <paramref name="time"/>.</summary>
    public Task<IngestOutcome> AddAsync(string sourceId, string text, string? author, DateTimeOffset time, string sourceKind = "wechat") =>
        Store.IngestAsync(
            new RawDelivery { Channel = "test", ReceivedAt = DateTimeOffset.UtcNow, Body = Encoding.UTF8.GetBytes(text) },
            new Message { SourceKind = sourceKind, SourceId = sourceId, Account = "gh_test", Author = author, Time = time, Text = text },
            TestContext.Current.CancellationToken);

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }
}
