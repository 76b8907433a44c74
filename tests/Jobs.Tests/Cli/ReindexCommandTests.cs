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

    public void Dispose() => _store.Dispose();
}
