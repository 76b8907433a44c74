using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs.Cli;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Cli;

public sealed class QuarantineCommandTests : IDisposable
{
    private const string ReadableNow =
        "<xml><ToUserName><![CDATA[gh_a]]></ToUserName><FromUserName><![CDATA[o_someone]]></FromUserName><CreateTime>1714037059</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[排水沟堵了]]></Content><MsgId>9001</MsgId></xml>";

    private readonly TestStore _store = new();
    private readonly ServiceProvider _services;

    public QuarantineCommandTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Monitor:DataDirectory"] = _store.Directory })
            .Build();
        _services = new ServiceCollection().AddLogging().AddIngest(configuration).AddJobs(configuration, runInBackground: false)
            .AddSingleton(_store.Store).BuildServiceProvider();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListingNamesEachQuarantinedDeliveryWithItsReasonButNotItsBody()
    {
        await Quarantine(ReadableNow, "element <MsgType>: parser bug");
        var output = new StringWriter();

        await QuarantineCommand.RunAsync(_services, replay: false, output, Token);

        Assert.Contains("parser bug", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("o_someone", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 deliveries in quarantine", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayStoresWhatNowReadsOnceAndLeavesTheRestInQuarantine()
    {
        await Quarantine(ReadableNow, "element <MsgType>: parser bug");
        await Quarantine("<xml><broken", "not well-formed");

        var first = new StringWriter();
        await QuarantineCommand.RunAsync(_services, replay: true, first, Token);
        var second = new StringWriter();
        await QuarantineCommand.RunAsync(_services, replay: true, second, Token);

        Assert.Contains("1 released, 1 still unreadable", first.ToString(), StringComparison.Ordinal);
        Assert.Contains("replayed 1 quarantined deliveries: 0 released, 1 still unreadable", second.ToString(), StringComparison.Ordinal);
        var stored = Assert.Single(await _store.Store.LatestAsync(10, null, Token));
        Assert.Equal("9001", stored.Message.SourceId);
        Assert.Equal("排水沟堵了", stored.Message.Text);
        Assert.StartsWith("u_", stored.Message.Author, StringComparison.Ordinal);
    }

    private Task<IngestOutcome> Quarantine(string body, string reason) =>
        _store.Store.IngestAsync(
            new RawDelivery { Channel = "wechat-callback", ReceivedAt = DateTimeOffset.UtcNow, Query = "?signature=x&timestamp=1&nonce=2", Body = Encoding.UTF8.GetBytes(body), RejectionReason = reason },
            null,
            Token);

    public void Dispose()
    {
        _services.Dispose();
        _store.Dispose();
    }
}
