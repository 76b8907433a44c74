using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Queries;

/// <summary>The contract on a file written by the bulk loader (FTS 'rebuild' and aggregates summed in memory).</summary>
public sealed class SqliteBulkLoadedQueriesTests : MessageQueriesContract, IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override async Task<IMessageQueries> SeedAsync(IReadOnlyList<SeedMessage> messages, CancellationToken cancellationToken)
    {
        var items = messages.Select(m => new BulkItem(m.Message, m.Message.Time, m.Analysis)
        {
            Assignee = m.Assignee,
            RepliedAt = m.RepliedAt,
            ResolvedAt = m.ResolvedAt,
        });
        var outcome = await SqliteBulkLoader.LoadAsync(_folder.DatabasePath, [.. items, .. items], cancellationToken);
        Assert.Equal(new BatchOutcome(messages.Count, messages.Count), outcome);
        return new SqliteMessageQueries(_folder.DatabasePath);
    }
}
