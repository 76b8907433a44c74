using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Monitor.Ingest.WeChat;

namespace Monitor.Dashboard.Demo;

/// <summary>
/// A simulated county account (<c>--demo</c>): citizens send messages that travel to this server's own callback over
/// real HTTP, signed with the configured token, exactly as WeChat would deliver them, including WeChat's retries of
/// the same MsgId, menu clicks and new followers.
/// </summary>
internal sealed partial class DemoAccount(
    IHttpClientFactory httpClients,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<WeChatOptions> options,
    TimeProvider time,
    ILogger<DemoAccount> logger) : BackgroundService
{
    public const string HttpClientName = "demo-account";
    public const string AccountId = "gh_zhengding_demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var baseAddress = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (baseAddress is null)
        {
            return;
        }

        var callback = new Uri(new Uri(baseAddress.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)), "/wechat/callback");
        var citizens = DemoScript.Citizens(40);
        var http = httpClients.CreateClient(HttpClientName);
        LogStarted(logger, callback);
        var step = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var citizen = citizens[Random.Shared.Next(citizens.Count)];
            var xml = step % 9 == 4 ? DemoScript.MenuClick(AccountId, citizen, time.GetUtcNow())
                : step % 13 == 7 ? DemoScript.Subscribe(AccountId, citizen, time.GetUtcNow())
                : DemoScript.CitizenMessage(AccountId, citizen, time.GetUtcNow());
            try
            {
                await DeliverAsync(http, callback, xml, stoppingToken);
                if (step % 6 == 3)
                {
                    // WeChat resends a message it got no timely answer for; the store must keep it once.
                    await DeliverAsync(http, callback, xml, stoppingToken);
                }
            }
            catch (HttpRequestException ex)
            {
                LogDeliveryFailed(logger, ex.Message);
            }

            step++;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1500, 5000)), time, stoppingToken);
        }
    }

    private async Task DeliverAsync(HttpClient http, Uri callback, XElement xml, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.Compute(options.Value.Token, timestamp, nonce);
        var url = new Uri(callback, $"?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid=demo");
        using var content = new StringContent(xml.ToString(SaveOptions.DisableFormatting), System.Text.Encoding.UTF8, "text/xml");
        using var response = await http.PostAsync(url, content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogDeliveryFailed(logger, $"HTTP {(int)response.StatusCode}");
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo account sends citizen messages to {Callback}")]
    private static partial void LogStarted(ILogger logger, Uri callback);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo delivery failed: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string reason);
}
