using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// A DingTalk (钉钉) group robot: <c>{"msgtype":"markdown","markdown":{"title":…,"text":…}}</c>; with a signing secret
/// the URL carries <c>timestamp</c> and <c>sign</c> = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
/// </summary>
internal sealed class DingTalkChannel(IHttpClientFactory http, IOptions<AlertOptions> options, TimeProvider time) : IAlertChannel
{
    public string Name => "dingtalk";

    public bool Enabled => options.Value.DingTalkWebhook is not null;

    public static JsonObject Body(AlertDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["title"] = digest.Title, ["text"] = digest.Markdown() },
        };
    }

    public static Uri Signed(Uri webhook, string? secret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (string.IsNullOrEmpty(secret))
        {
            return webhook;
        }

        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var sign = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "\n" + secret)));
        var separator = string.IsNullOrEmpty(webhook.Query) ? "?" : "&";
        return new Uri(webhook.AbsoluteUri + separator + "timestamp=" + timestamp + "&sign=" + Uri.EscapeDataString(sign));
    }

    public Task SendAsync(AlertDigest digest, CancellationToken cancellationToken) =>
        RobotJson.PostAsync(
            http.CreateClient(WeComChannel.HttpClientName),
            Signed(options.Value.DingTalkWebhook!, options.Value.DingTalkSecret, time.GetUtcNow()),
            Body(digest),
            "DingTalk",
            cancellationToken);
}
