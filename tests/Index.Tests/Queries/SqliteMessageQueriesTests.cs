using Monitor.Index.Cases;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Queries;

/// <summary>The contract on a real SQLite file, written through the store's own write path.</summary>
public sealed class SqliteMessageQueriesTests : MessageQueriesContract, IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override async Task<IMessageQueries> SeedAsync(IReadOnlyList<SeedMessage> messages, CancellationToken cancellationToken)
    {
        using var store = new SqliteMessageStore(_folder.DatabasePath);
        await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), messages, cancellationToken);
        return new SqliteMessageQueries(_folder.DatabasePath);
    }
}
