using System.Diagnostics;
using System.Globalization;

namespace Monitor.EndToEnd;

/// <summary>
/// Fault runs. Each feeds the same workload through the callback and an import, does something bad in the middle,
/// lets the operator's ordinary recovery happen (restart, WeChat's resend of unanswered deliveries, importing the
/// file again), and ends with the ledger of <see cref="Harness.Verdict"/>.
/// <list type="bullet">
/// <item><c>kill</c>: kill -9 of serve and of the running <c>monitor import</c> when a third is stored.</item>
/// <item><c>disk-full</c>: the data folder is a size-limited tmpfs that fills up mid-run; then it is enlarged.</item>
/// </list>
/// </summary>
internal static class Faults
{
    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var dll = ServeProcess.MonitorDll(Harness.FindRoot());
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("monitor-fault-").FullName;
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var workload = await Workload.CreateAsync(options.Messages, options.CallbackShare, Path.Combine(folder, "files"), cancellationToken);
        Harness.Say($"fault {options.Fault}: {workload.Callback.Count:N0} callback deliveries, {workload.ImportRows:N0} import rows ({workload.ImportPoisoned} poisoned); load average {Workload.LoadAverage()}");
        var mounted = false;
        if (options.Fault == "disk-full")
        {
            // Size it so the store fills part-way: about a third of what the run needs.
            var megabytes = Math.Max(8, options.Messages * 3_000L / 3 / 1_048_576);
            mounted = Mount(data, $"size={megabytes}m");
            if (!mounted)
            {
                Console.Error.WriteLine("cannot mount a size-limited tmpfs here (needs root or CAP_SYS_ADMIN); the disk-full run needs it");
                return 2;
            }

            Harness.Say($"data folder is a {megabytes} MiB tmpfs");
        }

        var port = ServeProcess.FreePort();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        var serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken, port);
        var probe = new StoreProbe(data);
        var tally = new CallbackTally();
        var imports = new List<ImportResult>();
        try
        {
            var callback = CallbackDriver.SendAsync(http, workload.Callback, options.Rate / 3, tally, cancellationToken, inFlight: 16);
            if (options.Fault == "kill")
            {
                using var import = ImportFiles.Start(dll, workload.ImportFiles[0], data);
                var target = (workload.Callback.Count + workload.ImportRows) / 3;
                while ((await SafeProgressAsync(probe, cancellationToken)).Messages < target && !import.HasExited)
                {
                    await Task.Delay(50, cancellationToken);
                }

                var before = await SafeProgressAsync(probe, cancellationToken);
                serve.KillHard();
                var importWasRunning = !import.HasExited;
                if (importWasRunning)
                {
                    using var kill = Process.Start("kill", ["-9", import.Id.ToString(CultureInfo.InvariantCulture)]);
                    await kill.WaitForExitAsync(cancellationToken);
                }

                await import.WaitForExitAsync(cancellationToken);
                Harness.Say($"kill -9 of serve{(importWasRunning ? " and of the running import" : string.Empty)} with {before.Messages:N0} stored, {before.Analysed:N0} analysed; callback answered so far: {tally.Accepted.Count:N0}");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
                serve.Dispose();
                serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken, port);
                Harness.Say($"serve back in {serve.ColdStart.TotalSeconds:F2} s");
                await callback;
            }
            else
            {
                var (results, _) = await Harness.ImportAllAsync(dll, workload.ImportFiles, data, cancellationToken);
                imports.AddRange(results);
                await callback;
                var full = await SafeProgressAsync(probe, cancellationToken);
                Harness.Say($"disk full: {full.Messages:N0} stored, {full.Analysed:N0} analysed; callback {tally.Accepted.Count:N0} answered 200, {tally.Unanswered.Count:N0} not accepted; imports: {string.Join(" | ", results.Select(r => $"exit {r.ExitCode}: {r.Summary} {r.Errors.LastOrDefault()}"))}");
                foreach (var problem in serve.Problems.Select(Shorten).Distinct().Take(6))
                {
                    Console.WriteLine("  serve log: " + problem);
                }

                Mount(data, "remount,size=2g");
                Harness.Say($"data folder enlarged; serve {(serve.HasExited ? "had exited" : "still running")}");
                if (serve.HasExited)
                {
                    serve.Dispose();
                    serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken, port);
                }

                imports.Clear();
            }

            // Recovery as in production: WeChat sends unanswered deliveries again; the operator imports the file again.
            for (var round = 0; round < 5 && !tally.Unanswered.IsEmpty; round++)
            {
                Harness.Say($"sending {tally.Unanswered.Count:N0} unanswered deliveries again");
                await CallbackDriver.SendAsync(http, tally.Unanswered.Values.ToList(), options.Rate / 3, tally, cancellationToken, inFlight: 16);
            }

            var (again, _) = await Harness.ImportAllAsync(dll, workload.ImportFiles, data, cancellationToken);
            imports.AddRange(again);
            Harness.Say("import again: " + string.Join(" | ", again.Select(r => r.Summary)));
            var expected = tally.Accepted.Count + workload.ImportRows - workload.ImportPoisoned;

            // A batch that was being analysed when serve died stays leased (5 minutes) before it is taken again.
            var clock = Stopwatch.StartNew();
            var done = await Harness.WaitAnalysedAsync(probe, expected, TimeSpan.FromMinutes(8), cancellationToken);
            Harness.Say($"all analysed: {done} after {clock.Elapsed.TotalSeconds:F0} s; peak RSS {serve.Memory().Peak:N0} MiB; serve log warnings/errors {serve.Problems.Count}");
            await serve.StopAsync();
            var ledger = await probe.LedgerAsync(cancellationToken);
            return Harness.Verdict(ledger, tally, workload, again, options.Keep || mounted, folder);
        }
        finally
        {
            serve.Dispose();
            if (mounted)
            {
                Unmount(data);
                if (!options.Keep)
                {
                    Directory.Delete(folder, recursive: true);
                }
            }
        }
    }

    private static string Shorten(string line) => line.Length > 200 ? line[..200] : line;

    private static async Task<Progress> SafeProgressAsync(StoreProbe probe, CancellationToken cancellationToken)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                return probe.Exists ? await probe.ProgressAsync(cancellationToken) : new Progress(0, 0, 0);
            }
            catch (Microsoft.Data.Sqlite.SqliteException) when (i < 20)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    private static bool Mount(string folder, string options)
    {
        using var mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", options, "tmpfs", folder]) { RedirectStandardError = true });
        mount!.WaitForExit();
        return mount.ExitCode == 0;
    }

    private static void Unmount(string folder)
    {
        using var umount = Process.Start("umount", [folder]);
        umount.WaitForExit();
    }
}
