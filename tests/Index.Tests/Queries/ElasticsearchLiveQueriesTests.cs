using Monitor.Index.Elasticsearch;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Queries;

/// <summary>
/// The contract on a real cluster: the corpus is stored in SQLite as production does and copied by the reindex into
/// indices of its own prefix. test.sh selects these tests only when <c>MONITOR_ES_URL</c> is set (no cluster can run
/// on the build machines); selected without it, they fail.
/// </summary>
[Trait("Category", "LiveElasticsearch")]
public sealed class ElasticsearchLiveQueriesTests : MessageQueriesContract, IDisposable
{
    private readonly TempDataFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    protected override async Task<IMessageQueries> SeedAsync(IReadOnlyList<SeedMessage> messages, CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable("MONITOR_ES_URL");
        Assert.False(string.IsNullOrWhiteSpace(url), "MONITOR_ES_URL is not set: no Elasticsearch cluster to run the contract against.");
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), messages, cancellationToken);
        }

        var index = ElasticsearchIndex.Connect(
            new ElasticsearchOptions { Url = new Uri(url!), IndexPrefix = "monitor-test-" + Guid.NewGuid().ToString("N")[..12] },
            _folder.DatabasePath);
        await index.ReindexAsync(100, null, cancellationToken);
        return index.Queries;
    }
}
