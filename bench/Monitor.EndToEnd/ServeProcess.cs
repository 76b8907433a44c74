using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Monitor.EndToEnd;

/// <summary>
/// The real <c>monitor serve</c> (or <c>monitor import</c>) as a child process: its start-to-/health time, its memory
/// from /proc, its warnings and errors, and the pipeline's per-batch stage times from its debug log.
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    public const string Token = "EndToEndToken42";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _problems = new();
    private long _analysed, _batches;
    private double _segmentMs, _classifyMs, _linkMs, _saveMs;
    private readonly Lock _stages = new();
    private readonly SortedDictionary<int, (long Batches, long Messages, double SaveMs, double AllMs)> _bySize = [];
    private string? _problemHeader;

    private ServeProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public HttpClient Http { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Process start to the first 200 from /health.</summary>
    public TimeSpan ColdStart { get; private set; }

    public IReadOnlyCollection<string> Problems => _problems;

    public static string MonitorDll(string root)
    {
        var dll = Path.Combine(root, "dashboard", "bin", "Release", "net10.0", "monitor.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} is missing: run ./monitor --help once to build it");
    }

    public static async Task<ServeProcess> StartAsync(string dll, string data, IReadOnlyList<string> extra, CancellationToken cancellationToken, int? port = null)
    {
        port ??= FreePort();
        var clock = Stopwatch.StartNew();
        var process = Launch(dll, ["serve", "--data", data, "--urls", $"http://127.0.0.1:{port}", .. extra], pipelineDebug: true);
        var serve = new ServeProcess(process, port.Value);
        process.ErrorDataReceived += (_, e) => serve.OnLine(e.Data);
        process.OutputDataReceived += (_, e) => serve.OnLine(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new InvalidOperationException($"monitor serve exited with {process.ExitCode}: {string.Join(" | ", serve.Problems.Take(5))}");
            }

            try
            {
                using var health = await serve.Http.GetAsync("/health", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    serve.ColdStart = clock.Elapsed;
                    return serve;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Starts <c>monitor VERB ...</c> with the harness's settings; the caller reads its output.</summary>
    public static Process Launch(string dll, IReadOnlyList<string> arguments, bool pipelineDebug = false)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["WeChat__Token"] = Token;
        info.Environment["WeChat__AutoReply"] = "false";
        info.Environment["Monitor__AdminPassword"] = "End-To-End-Password-1";
        info.Environment["Privacy__PseudonymKey"] = Convert.ToBase64String(new byte[32]);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (pipelineDebug)
        {
            info.Environment["Logging__LogLevel__Monitor.Jobs.Pipeline.AnalysisPipeline"] = "Debug";
        }

        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Resident set size now and at its peak (VmRSS, VmHWM), in MiB.</summary>
    public (double Rss, double Peak) Memory()
    {
        try
        {
            double rss = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kib(line) / 1024.0;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kib(line) / 1024.0;
                }
            }

            return (rss, peak);
        }
        catch (IOException)
        {
            return (0, 0);
        }

        static long Kib(string line) => long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    public StageTimes Stages()
    {
        lock (_stages)
        {
            return new StageTimes(_analysed, _batches, _segmentMs, _classifyMs, _linkMs, _saveMs);
        }
    }

    /// <summary>Per batch size (messages taken): batches, messages, save ms and all-stage ms — the same run's own comparison.</summary>
    public IReadOnlyList<(int Taken, long Batches, long Messages, double SaveMs, double AllMs)> StagesByBatchSize()
    {
        lock (_stages)
        {
            return [.. _bySize.Select(kv => (kv.Key, kv.Value.Batches, kv.Value.Messages, kv.Value.SaveMs, kv.Value.AllMs))];
        }
    }

    /// <summary>kill -9: no shutdown hooks, no flush; what was acknowledged must already be on disk.</summary>
    public void KillHard()
    {
        using var kill = Process.Start("kill", ["-9", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        _process.WaitForExit();
    }

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Http.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var batch = BatchLine().Match(line);
        if (batch.Success)
        {
            lock (_stages)
            {
                _analysed += long.Parse(batch.Groups[1].Value, CultureInfo.InvariantCulture);
                _batches++;
                _segmentMs += Ms(batch.Groups[2].Value);
                _classifyMs += Ms(batch.Groups[3].Value);
                _linkMs += Ms(batch.Groups[4].Value);
                _saveMs += Ms(batch.Groups[5].Value);
                var taken = int.Parse(batch.Groups["taken"].Value, CultureInfo.InvariantCulture);
                var (b, m, save, all) = _bySize.GetValueOrDefault(taken);
                var stages = Ms(batch.Groups[2].Value) + Ms(batch.Groups[3].Value) + Ms(batch.Groups[4].Value) + Ms(batch.Groups[5].Value);
                _bySize[taken] = (b + 1, m + long.Parse(batch.Groups[1].Value, CultureInfo.InvariantCulture), save + Ms(batch.Groups[5].Value), all + stages);
            }

            return;
        }

        // The console logger writes "warn: Category[id]" / "fail: ..." / "crit: ..." and the message on the next line.
        if (_problemHeader is { } header)
        {
            _problems.Enqueue(header + " " + line.Trim());
            _problemHeader = null;
        }
        else if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            _problemHeader = line;
        }

        static double Ms(string value) => double.Parse(value.Replace(',', '.'), CultureInfo.InvariantCulture);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Analysed (\d+) of (?<taken>\d+) messages: segment ([\d.,]+) ms, classify ([\d.,]+) ms, link ([\d.,]+) ms, save ([\d.,]+) ms")]
    private static partial Regex BatchLine();
}

/// <summary>Sums of the pipeline's per-batch stage times, read from serve's debug log.</summary>
internal sealed record StageTimes(long Analysed, long Batches, double SegmentMs, double ClassifyMs, double LinkMs, double SaveMs)
{
    public double Rate(double ms) => ms > 0 ? Analysed / (ms / 1000) : 0;
}
