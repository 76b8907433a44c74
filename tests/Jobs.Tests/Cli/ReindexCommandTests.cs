using Monitor.Index.Elasticsearch;
using Monitor.Jobs.Cli;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Cli;

public sealed class ReindexCommandTests : IDisposable
{
    private readonly TestStore _store = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutUrlOrConfiguredNodeItSaysWhereToGiveOne()
    {
        var error = new StringWriter();

        var exit = await ReindexCommand.RunAsync(_store.Directory, null, new ElasticsearchOptions(), error, Token);

        Assert.Equal(ReindexCommand.UsageError, exit);
        Assert.Contains("Monitor__Elasticsearch__Url", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConfiguredNodeAndIndexPrefixAreTheOnesServeUses()
    {
        await using var node = await LocalSite.StartAsync();
        var configured = new ElasticsearchOptions { Url = node.BaseAddress, IndexPrefix = "county-zd" };
        var error = new StringWriter();

        // An empty store: the run puts the index template and refreshes the alias, both under the configured prefix.
        await ReindexCommand.RunAsync(_store.Directory, null, configured, error, Token);

        Assert.Contains(node.Log, line => line.StartsWith("/_index_template/county-zd ", StringComparison.Ordinal));
        Assert.Contains(node.Log, line => line.StartsWith("/county-zd/_refresh ", StringComparison.Ordinal));
        Assert.DoesNotContain(node.Log, line => line.Contains("monitor-messages", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGivenUrlWinsOverTheConfiguredOne()
    {
        await using var given = await LocalSite.StartAsync();
        await using var configuredNode = await LocalSite.StartAsync();
        var error = new StringWriter();

        await ReindexCommand.RunAsync(_store.Directory, given.BaseAddress.ToString(), new ElasticsearchOptions { Url = configuredNode.BaseAddress }, error, Token);

        Assert.NotEmpty(given.Log);
        Assert.Empty(configuredNode.Log);
    }

    [Fact]
    public async Task ASecondRunWhileAnotherHoldsTheCopysLeaseExitsSayingWhoAndUntilWhenAndTouchesNothing()
    {
        await using var node = await LocalSite.StartAsync();
        var until = DateTimeOffset.UtcNow.AddSeconds(45);
        // The lease row a running `monitor reindex` on another host keeps in the store (schema 9).
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_store.Directory, "monitor.db")};Pooling=False"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO reindex_leases VALUES ('monitor-messages', 'run-a', 'web-1', 4242, 'monitor', $taken, $until);";
            command.Parameters.AddWithValue("$taken", until.AddMinutes(-1).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$until", until.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(Token);
        }

        var error = new StringWriter();

        var exit = await ReindexCommand.RunAsync(_store.Directory, node.BaseAddress.ToString(), new ElasticsearchOptions(), error, Token);

        Assert.Equal(ReindexCommand.LeaseHeld, exit);
        Assert.Contains("reindex not started: Another reindex into 'monitor-messages' is running: pid 4242 on web-1 (user monitor)", error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"until {until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(node.Log);
    }

    public void Dispose() => _store.Dispose();
}
