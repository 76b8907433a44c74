using Monitor.Ingest.Feeds;

namespace Monitor.Ingest.Tests.Feeds;

public sealed class FeedPollerTests : IAsyncLifetime
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private FeedServer server = null!;
    private FeedPoller poller = null!;

    public async ValueTask InitializeAsync()
    {
        server = await FeedServer.StartAsync(TestContext.Current.CancellationToken);
        poller = new FeedPoller(http, new FeedReader(TimeProvider.System));
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    private Uri Feed(string name) => new(server.BaseAddress, name);

    [Fact]
    public async Task AFirstPollReadsTheItemsAndReturnsTheValidators()
    {
        var result = await poller.PollAsync(Feed("rss.xml"), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollStatus.Updated, result.Status);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(3, result.Items.Count);
        Assert.Equal("\"v1\"", result.Validators.ETag);
        Assert.Equal(FeedServer.LastModified, result.Validators.LastModified);
        Assert.Equal(["rss.xml"], server.Requests);
    }

    [Fact]
    public async Task APollWithTheSameETagIsNotModifiedAndHasNoItems()
    {
        var first = await poller.PollAsync(Feed("rss.xml"), null, cancellationToken: TestContext.Current.CancellationToken);
        var second = await poller.PollAsync(Feed("rss.xml"), first.Validators, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollStatus.NotModified, second.Status);
        Assert.Empty(second.Items);
        Assert.Equal(first.Validators, second.Validators);
        Assert.StartsWith("rss.xml \"v1\"", server.Requests[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedETagGivesTheItemsAgainWithTheNewValidator()
    {
        var first = await poller.PollAsync(Feed("atom.xml"), null, cancellationToken: TestContext.Current.CancellationToken);
        server.ETag = "\"v2\"";
        var second = await poller.PollAsync(Feed("atom.xml"), first.Validators, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollStatus.Updated, second.Status);
        Assert.Equal(2, second.Items.Count);
        Assert.Equal("\"v2\"", second.Validators.ETag);
    }

    [Fact]
    public async Task IfModifiedSinceAloneIsHonoured()
    {
        var result = await poller.PollAsync(Feed("rss.xml"), new FeedValidators(null, FeedServer.LastModified),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(FeedPollStatus.NotModified, result.Status);
    }

    [Fact]
    public async Task ServerErrorsAndMissingFeedsAreFailedResultsThatKeepTheOldValidators()
    {
        var validators = new FeedValidators("\"old\"", FeedServer.LastModified);
        var broken = await poller.PollAsync(Feed("broken"), validators, cancellationToken: TestContext.Current.CancellationToken);
        var missing = await poller.PollAsync(Feed("missing.xml"), validators, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((FeedPollStatus.Failed, 500), (broken.Status, broken.StatusCode));
        Assert.Equal((FeedPollStatus.Failed, 404), (missing.Status, missing.StatusCode));
        Assert.Equal(validators, broken.Validators);
        Assert.Contains("HTTP 404", Assert.Single(missing.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableServerIsAFailedResult()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = await poller.PollAsync(new Uri($"http://127.0.0.1:{port}/rss.xml"), null, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(FeedPollStatus.Failed, result.Status);
        Assert.Equal(0, result.StatusCode);
        Assert.Contains("could not be fetched", Assert.Single(result.Problems), StringComparison.Ordinal);
    }
}
