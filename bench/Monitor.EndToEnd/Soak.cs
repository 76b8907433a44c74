using System.Diagnostics;
using System.Globalization;
using Monitor.Bench.Synthetic;

namespace Monitor.EndToEnd;

/// <summary>
/// Soak: <c>serve --demo</c> (the simulated account keeps talking to itself) plus the harness's steady rate of citizen
/// messages to the demo account and a burst every minute, for M minutes, sampling memory, the analysis backlog and the
/// log. Verdict: memory flat or growing (last quarter against the second), backlog draining between bursts or growing,
/// errors in the log; then the ledger.
/// </summary>
internal static class Soak
{
    private const string DemoAccount = "gh_zhengding_demo";

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var dll = ServeProcess.MonitorDll(Harness.FindRoot());
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("monitor-soak-").FullName;
        var data = Path.Combine(folder, "data");
        var generator = SyntheticMessages.FromSharedData(SharedDataFolder.Find());
        using var serve = await ServeProcess.StartAsync(dll, data, ["--demo"], cancellationToken);
        Harness.Say($"soak: serve --demo up in {serve.ColdStart.TotalSeconds:F2} s; {options.Rate}/s steady + {options.Burst} in a burst every minute for {options.Minutes} min; load average {Workload.LoadAverage()}");
        var probe = new StoreProbe(data);
        var clock = Stopwatch.StartNew();
        var tally = new CallbackTally();
        var beforeBurst = new List<(TimeSpan At, long Pending)>();
        var number = 0L;
        await using (var sampler = new Sampler(() => serve, probe, clock, TimeSpan.FromSeconds(5)))
        {
            var end = TimeSpan.FromMinutes(options.Minutes);
            var minute = 0;
            while (clock.Elapsed < end)
            {
                // One minute: a burst at 10× the steady rate... then the steady rate for the rest of the minute.
                var steady = (int)(options.Rate * 60);
                var progress = await probe.ProgressAsync(cancellationToken);
                beforeBurst.Add((clock.Elapsed, progress.Pending));
                var burst = Workload.Live(generator, DemoAccount, number, options.Burst, Workload.Seed + minute);
                number += burst.Count;
                var burstTime = await CallbackDriver.SendAsync(serve.Http, burst, Math.Max(options.Rate * 10, 200), tally, cancellationToken);
                var rest = Workload.Live(generator, DemoAccount, number, Math.Max(1, steady - (int)(burstTime.TotalSeconds * options.Rate)), Workload.Seed + 1000 + minute);
                number += rest.Count;
                var left = end - clock.Elapsed;
                var rate = rest.Count / Math.Max(1, Math.Min(60 - burstTime.TotalSeconds, left.TotalSeconds));
                await CallbackDriver.SendAsync(serve.Http, rest, rate, tally, cancellationToken);
                minute++;
                var s = sampler.Samples.LastOrDefault();
                Harness.Say($"minute {minute}: sent {number:N0}, accepted {tally.Accepted.Count:N0}, unanswered {tally.Unanswered.Count}; stored {s?.Progress.Messages:N0}, pending {s?.Progress.Pending:N0}; RSS {s?.RssMiB:N0} MiB; load {s?.Load:F1}; log warnings/errors {serve.Problems.Count}");
            }

            var done = await Harness.WaitAnalysedAsync(probe, tally.Accepted.Count, TimeSpan.FromMinutes(5), cancellationToken);
            var samples = sampler.Samples;
            Console.WriteLine();
            Console.WriteLine(Verdict(samples, beforeBurst, serve, done));
        }

        foreach (var problem in serve.Problems.Distinct().Take(20))
        {
            Console.WriteLine("  log: " + problem);
        }

        await serve.StopAsync();
        var ledger = await probe.LedgerAsync(cancellationToken);
        ledger.Print(Console.Out);
        var violations = ledger.Violations(tally.Accepted.Count, 0);
        Console.WriteLine(violations.Count == 0 && tally.Unanswered.IsEmpty && tally.Rejected.IsEmpty ? "LEDGER OK" : "LEDGER VIOLATED:\n  " + string.Join("\n  ", violations.Append($"{tally.Unanswered.Count} unanswered, {tally.Rejected.Count} rejected")));
        if (!options.Keep)
        {
            Directory.Delete(folder, recursive: true);
        }

        var errors = serve.Problems.Count(p => !p.StartsWith("warn:", StringComparison.Ordinal));
        return violations.Count == 0 && errors == 0 && tally.Unanswered.IsEmpty ? 0 : 1;
    }

    /// <summary>
    /// Flat or growing: the median resident size of the last quarter against the second quarter (the first is warm-up:
    /// JIT, models, caches), and the backlog found just before each burst (it should be back near zero every minute).
    /// </summary>
    private static string Verdict(IReadOnlyList<Sample> samples, List<(TimeSpan At, long Pending)> beforeBurst, ServeProcess serve, bool drained)
    {
        var quarter = Math.Max(1, samples.Count / 4);
        var second = Median(samples.Skip(quarter).Take(quarter).Select(s => s.RssMiB));
        var last = Median(samples.Skip(samples.Count - quarter).Select(s => s.RssMiB));
        var memoryGrowth = second > 0 ? last / second : 1;
        var half = beforeBurst.Count / 2;
        var backlogEarly = beforeBurst.Skip(1).Take(Math.Max(1, half - 1)).Select(b => b.Pending).DefaultIfEmpty(0).Max();
        var backlogLate = beforeBurst.Skip(Math.Max(1, half)).Select(b => b.Pending).DefaultIfEmpty(0).Max();
        var memoryVerdict = memoryGrowth < 1.10 ? "flat" : "GROWING";
        var backlogVerdict = backlogLate <= Math.Max(100, 2 * backlogEarly) && drained ? "flat" : "GROWING";
        var errors = serve.Problems.Count(p => !p.StartsWith("warn:", StringComparison.Ordinal));
        return string.Create(CultureInfo.InvariantCulture,
            $"soak verdict: memory {memoryVerdict} (median RSS {second:N0} MiB in the second quarter → {last:N0} MiB in the last, ×{memoryGrowth:F2}; peak {serve.Memory().Peak:N0} MiB); "
            + $"backlog {backlogVerdict} (pending before a burst: at most {backlogEarly:N0} in the first half, {backlogLate:N0} in the second; drained at the end: {drained}); "
            + $"log: {errors} errors, {serve.Problems.Count - errors} warnings; samples {samples.Count}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
    }
}
