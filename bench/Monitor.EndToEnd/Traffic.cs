using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Monitor.Ingest;
using Monitor.Ingest.WeChat;

namespace Monitor.EndToEnd;

/// <summary>One message on its way in: the callback (signed XML, as WeChat sends it) or a row of an import file.</summary>
internal sealed record Outgoing(long Number, Message Message, bool Poisoned);

/// <summary>What became of each callback delivery: 200, an answered rejection, or no answer (to be sent again).</summary>
internal sealed class CallbackTally
{
    public ConcurrentDictionary<long, byte> Accepted { get; } = new();

    public ConcurrentDictionary<long, string> Rejected { get; } = new();

    public ConcurrentDictionary<long, Outgoing> Unanswered { get; } = new();
}

/// <summary>Sends deliveries to /wechat/callback open-loop at a fixed rate, a bounded number in flight.</summary>
internal static class CallbackDriver
{
    public static async Task<TimeSpan> SendAsync(
        HttpClient http, IEnumerable<Outgoing> items, double rate, CallbackTally tally, CancellationToken cancellationToken, int inFlight = 48)
    {
        using var gate = new SemaphoreSlim(inFlight);
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        var running = new List<Task>();
        foreach (var item in items)
        {
            var wait = TimeSpan.FromSeconds(sent++ / rate) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }

            await gate.WaitAsync(cancellationToken);
            running.Add(Task.Run(
                async () =>
                {
                    try
                    {
                        await DeliverAsync(http, item, tally, cancellationToken);
                    }
                    finally
                    {
                        gate.Release();
                    }
                },
                CancellationToken.None));
            if (running.Count > 4096)
            {
                running.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(running);
        return clock.Elapsed;
    }

    private static async Task DeliverAsync(HttpClient http, Outgoing item, CallbackTally tally, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(Request(item), cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                tally.Accepted[item.Number] = 0;
                tally.Unanswered.TryRemove(item.Number, out _);
            }
            else if ((int)response.StatusCode is >= 400 and < 500)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                tally.Rejected[item.Number] = $"{(int)response.StatusCode} {Detail(body)}";
                tally.Unanswered.TryRemove(item.Number, out _);
            }
            else
            {
                tally.Unanswered[item.Number] = item;
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No answer: WeChat sends the same MsgId again; so does the harness after the server is back.
            tally.Unanswered[item.Number] = item;
        }
    }

    private static string Detail(string problemJson)
    {
        try
        {
            using var json = JsonDocument.Parse(problemJson);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? problemJson : problemJson;
        }
        catch (JsonException)
        {
            return problemJson.Length > 120 ? problemJson[..120] : problemJson;
        }
    }

    private static HttpRequestMessage Request(Outgoing item)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.Compute(ServeProcess.Token, timestamp, nonce);
        var m = item.Message;
        // A poisoned delivery carries a character XML 1.0 cannot hold: the server must answer 400 and quarantine it.
        var text = item.Poisoned ? m.Text + "\u0001" : m.Text;
        var xml = string.Create(CultureInfo.InvariantCulture,
            $"<xml><ToUserName><![CDATA[{m.Account}]]></ToUserName><FromUserName><![CDATA[o{m.Author ?? "anon"}]]></FromUserName><CreateTime>{m.Time.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{MsgId(item.Number)}</MsgId></xml>");
        return new HttpRequestMessage(HttpMethod.Post, $"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}")
        {
            Content = new StringContent(xml, Encoding.UTF8, "text/xml"),
        };
    }

    public static long MsgId(long number) => 24_000_000_000_000_000 + number;
}

/// <summary>Import files in the JSONL format of <c>monitor import</c>, with a few bad rows that must be rejected.</summary>
internal static class ImportFiles
{
    public static async Task<(List<string> Files, int Rows, int Bad)> WriteAsync(string folder, IEnumerable<Outgoing> items, int rowsPerFile, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        int rows = 0, bad = 0, inFile = 0;
        StreamWriter? writer = null;
        try
        {
            foreach (var item in items)
            {
                if (writer is null || inFile == rowsPerFile)
                {
                    if (writer is not null)
                    {
                        await writer.DisposeAsync();
                    }

                    var path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"import-{files.Count:D3}.jsonl"));
                    files.Add(path);
                    writer = new StreamWriter(path, false, new UTF8Encoding(false));
                    inFile = 0;
                }

                var m = item.Message;
                var row = new Dictionary<string, string?>
                {
                    ["id"] = m.SourceId,
                    ["time"] = item.Poisoned ? "not-a-date" : m.Time.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                    ["text"] = m.Text,
                    ["author"] = m.Author,
                    ["account"] = m.Account,
                    ["kind"] = m.SourceKind == "wechat-comment" ? "comment" : m.Kind,
                    ["title"] = m.Title,
                    ["parent_id"] = m.SourceKind == "wechat-comment" ? "article-" + (item.Number % 500).ToString(CultureInfo.InvariantCulture) : null,
                };
                await writer.WriteLineAsync(JsonSerializer.Serialize(row).AsMemory(), cancellationToken);
                inFile++;
                rows++;
                bad += item.Poisoned ? 1 : 0;
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync();
            }
        }

        return (files, rows, bad);
    }

    /// <summary>Runs <c>monitor import FILE</c>; returns its process so a fault run can kill it.</summary>
    public static Process Start(string dll, string file, string data) => ServeProcess.Launch(dll, ["import", file, "--data", data]);

    public static async Task<ImportResult> FinishAsync(Process import, CancellationToken cancellationToken)
    {
        var stdout = import.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = import.StandardError.ReadToEndAsync(cancellationToken);
        await import.WaitForExitAsync(cancellationToken);
        var rejections = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ImportResult(import.ExitCode, (await stdout).Trim(), rejections);
    }
}

internal sealed record ImportResult(int ExitCode, string Summary, IReadOnlyList<string> Errors);
