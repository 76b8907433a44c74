// Whole-process load harness for the WeChat callback and for file import (issue 6 proof).
// Starts the real `monitor serve` (built by ./monitor) on loopback, drives it open-loop at a fixed rate with signed
// deliveries, and reports acknowledgement latency p50/p99 measured from each request's scheduled send time (so a
// stalled server cannot hide queueing: no coordinated omission). The baseline, in the same run and at the same rate,
// is GET /health: the cost of the HTTP stack alone. Then it times `monitor import` on a generated CSV.
//
//   dotnet run -c Release --project bench/Monitor.LoadTest -- [--rate 500] [--seconds 20] [--rows 100000]
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Monitor.Ingest.WeChat;

var rate = Arg("--rate", 500);
var seconds = Arg("--seconds", 20);
var rows = Arg("--rows", 100_000);
var root = FindRoot();
var dll = Path.Combine(root, "dashboard", "bin", "Release", "net10.0", "monitor.dll");
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"{dll} is missing: run ./monitor --help once to build it");
    return 1;
}

var texts = LoadTexts(Path.Combine(root, "..", "shared", "data"));
var data = Directory.CreateTempSubdirectory("monitor-load-").FullName;
const string token = "LoadTestToken42";
var port = FreePort();
using var serve = Start(dll, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}"], token);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
await WaitHealthyAsync(http);
Console.WriteLine($"monitor serve up on port {port}; {rate} requests/s for {seconds} s each; corpus {texts.Count} texts");

// Warm-up: JIT and SQLite caches, not measured.
await RunOpenLoopAsync(http, rate, 3, _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
var health = await RunOpenLoopAsync(http, rate, seconds, _ => new HttpRequestMessage(HttpMethod.Get, "/health"));
var msgId = 7_000_000_000_000_000_000L;
var callback = await RunOpenLoopAsync(http, rate, seconds, i => Delivery(token, Interlocked.Increment(ref msgId), texts[(int)(i % texts.Count)]));
Report("GET /health (baseline)", health);
Report("POST /wechat/callback", callback);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ratio callback/baseline: p50 {callback.P(0.50) / health.P(0.50):0.00}x, p99 {callback.P(0.99) / health.P(0.99):0.00}x"));
serve.Kill(entireProcessTree: true);
await serve.WaitForExitAsync();

// Import: rows/s of `monitor import` against parsing the same file alone (baseline, same run).
var csv = Path.Combine(data, "import.csv");
await using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false)))
{
    await writer.WriteLineAsync("id,time,text,author,account");
    for (var i = 0; i < rows; i++)
    {
        var text = texts[i % texts.Count].Replace("\"", "\"\"", StringComparison.Ordinal);
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"R{i},2026-11-{1 + (i % 25):00} 08:{i % 60:00}:00,\"{text}\",user{i % 5000},12345"));
    }
}

var parse = Stopwatch.StartNew();
var lines = 0L;
foreach (var _ in File.ReadLines(csv))
{
    lines++;
}

parse.Stop();
var import = Stopwatch.StartNew();
using (var importer = Start(dll, ["import", csv, "--data", Path.Combine(data, "import-store")], token))
{
    await importer.WaitForExitAsync();
    import.Stop();
    Console.WriteLine($"import exit code {importer.ExitCode}: {(await importer.StandardOutput.ReadToEndAsync()).Trim()}");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"import {rows:N0} rows: {rows / import.Elapsed.TotalSeconds:N0} rows/s (whole process incl. start); reading the file alone {lines / parse.Elapsed.TotalSeconds:N0} lines/s"));
Directory.Delete(data, recursive: true);
return 0;

static HttpRequestMessage Delivery(string token, long msgId, string text)
{
    var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    var nonce = Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
    var signature = WeChatSignature.Compute(token, timestamp, nonce);
    var xml = $"<xml><ToUserName><![CDATA[gh_load]]></ToUserName><FromUserName><![CDATA[o{msgId % 977}]]></FromUserName><CreateTime>{timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{text}]]></Content><MsgId>{msgId}</MsgId></xml>";
    return new HttpRequestMessage(HttpMethod.Post, $"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}")
    {
        Content = new StringContent(xml, Encoding.UTF8, "text/xml"),
    };
}

static async Task<LoadResult> RunOpenLoopAsync(HttpClient http, int rate, int seconds, Func<long, HttpRequestMessage> request)
{
    var total = (long)rate * seconds;
    var latencies = new double[total];
    var failures = 0;
    var clock = Stopwatch.StartNew();
    var inFlight = new List<Task>((int)total);
    for (long i = 0; i < total; i++)
    {
        var scheduled = TimeSpan.FromSeconds((double)i / rate);
        var wait = scheduled - clock.Elapsed;
        if (wait > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(wait);
        }

        var index = i;
        inFlight.Add(Task.Run(async () =>
        {
            try
            {
                using var response = await http.SendAsync(request(index));
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref failures);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }

            latencies[index] = (clock.Elapsed - scheduled).TotalMilliseconds;
        }));
    }

    await Task.WhenAll(inFlight);
    Array.Sort(latencies);
    return new LoadResult(latencies, failures, total / clock.Elapsed.TotalSeconds);
}

static void Report(string name, LoadResult r) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{name,-26} {r.Latencies.Length,7} requests at {r.Throughput,6:N0}/s  p50 {r.P(0.50),7:0.00} ms  p99 {r.P(0.99),7:0.00} ms  max {r.Latencies[^1],8:0.0} ms  failed {r.Failures}"));

static List<string> LoadTexts(string sharedData)
{
    // Short real texts from the public corpora, read at run time (never copied into the repo): the first column
    // that looks like free text in the Weibo and waimai files.
    var texts = new List<string>();
    foreach (var file in new[] { "weibo_senti_100k_subset/weibo_senti_100k_subset.csv", "waimai_10k/waimai_10k.csv" })
    {
        var path = Path.Combine(sharedData, file);
        if (!File.Exists(path))
        {
            continue;
        }

        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var parts = line.Split(',', 3);
            if (parts.Length == 3 && parts[1].Length is > 4 and < 400 && !parts[1].Contains('"', StringComparison.Ordinal))
            {
                texts.Add(parts[1]);
            }
        }
    }

    return texts.Count > 0 ? texts : ["小区门口道路破损，请尽快修补"];
}

static Process Start(string dll, string[] args, string token)
{
    var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
    info.ArgumentList.Add(dll);
    foreach (var a in args)
    {
        info.ArgumentList.Add(a);
    }

    info.Environment["WeChat__Token"] = token;
    info.Environment["Monitor__AdminPassword"] = "Load-Test-Password-1";
    info.Environment["Logging__LogLevel__Default"] = "Warning";
    var process = Process.Start(info)!;
    process.ErrorDataReceived += (_, _) => { };
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitHealthyAsync(HttpClient http)
{
    for (var i = 0; i < 300; i++)
    {
        try
        {
            using var r = await http.GetAsync("/health");
            if (r.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException)
        {
        }

        await Task.Delay(200);
    }

    throw new TimeoutException("serve did not start");
}

static int FreePort()
{
    using var l = new TcpListener(IPAddress.Loopback, 0);
    l.Start();
    return ((IPEndPoint)l.LocalEndpoint).Port;
}

static string FindRoot()
{
    for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
    {
        if (File.Exists(Path.Combine(d.FullName, "Monitor.sln")))
        {
            return d.FullName;
        }
    }

    throw new InvalidOperationException("Monitor.sln not found");
}

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record LoadResult(double[] Latencies, int Failures, double Throughput)
{
    public double P(double q) => Latencies[Math.Min(Latencies.Length - 1, (int)(q * Latencies.Length))];
}
