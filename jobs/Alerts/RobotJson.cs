using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace Monitor.Jobs.Alerts;

/// <summary>Posts a group robot's JSON and checks its answer (both robots say <c>{"errcode":0}</c> on success, HTTP 200 either way).</summary>
internal static class RobotJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static async Task PostAsync(HttpClient client, Uri url, JsonObject body, string channel, CancellationToken cancellationToken)
    {
        using var content = JsonContent.Create(body, options: Options);
        using var response = await client.PostAsync(url, content, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{channel} robot answered HTTP {(int)response.StatusCode}: {answer}", null, response.StatusCode);
        }

        if (TryErrorCode(answer) is { } code && code != 0)
        {
            throw new HttpRequestException($"{channel} robot refused the message: {answer}");
        }
    }

    private static long? TryErrorCode(string answer)
    {
        try
        {
            return JsonNode.Parse(answer)?["errcode"]?.GetValue<long>();
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
