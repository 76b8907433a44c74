using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Monitor.Jobs.Alerts;

/// <summary>A WeCom (企业微信) group robot: <c>{"msgtype":"markdown","markdown":{"content":…}}</c>.</summary>
internal sealed class WeComChannel(IHttpClientFactory http, IOptions<AlertOptions> options) : IAlertChannel
{
    public const string HttpClientName = "Monitor.Alerts";

    public string Name => "wecom";

    public bool Enabled => options.Value.WeComWebhook is not null;

    public static JsonObject Body(AlertDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        return new JsonObject
        {
            ["msgtype"] = "markdown",
            ["markdown"] = new JsonObject { ["content"] = digest.Markdown() },
        };
    }

    public Task SendAsync(AlertDigest digest, CancellationToken cancellationToken) =>
        RobotJson.PostAsync(http.CreateClient(HttpClientName), options.Value.WeComWebhook!, Body(digest), "WeCom", cancellationToken);
}
