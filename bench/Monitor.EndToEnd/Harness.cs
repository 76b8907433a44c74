using System.Diagnostics;
using System.Globalization;

namespace Monitor.EndToEnd;

/// <summary>The throughput run: everything in, everything analysed, then the numbers and the ledger.</summary>
internal static class Harness
{
    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var dll = ServeProcess.MonitorDll(FindRoot());
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("monitor-e2e-").FullName;
        var data = Path.Combine(folder, "data");
        var loadBefore = Workload.LoadAverage();
        var generation = Stopwatch.StartNew();
        var workload = await Workload.CreateAsync(options.Messages, options.CallbackShare, Path.Combine(folder, "files"), cancellationToken);
        Say($"generated {options.Messages:N0} messages in {generation.Elapsed.TotalSeconds:F1} s: {workload.Callback.Count:N0} for the callback, {workload.ImportRows:N0} import rows in {workload.ImportFiles.Count} files; load average {loadBefore}");
        var baselineBefore = workload.SegmentOnlyRate();
        Say($"baseline (segmenter alone, 1 thread, this process): {baselineBefore:N0} msgs/s");

        // --import-first: the backlog is imported before serve starts, so the pipeline drains it without another
        // process holding the write lock (the pipeline's own throughput); otherwise both run at once, as in production.
        var early = options.ImportFirst ? await ImportAllAsync(dll, workload.ImportFiles, data, cancellationToken) : default;
        using var serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken);
        var coldEmpty = serve.ColdStart;
        Say($"serve up in {coldEmpty.TotalSeconds:F2} s (empty store), pid {serve.Id}");
        var probe = new StoreProbe(data);
        var clock = Stopwatch.StartNew();
        await using var sampler = new Sampler(() => serve, probe, clock, TimeSpan.FromSeconds(1));

        var tally = new CallbackTally();
        var callback = CallbackDriver.SendAsync(serve.Http, workload.Callback, options.Rate, tally, cancellationToken);
        var imports = options.ImportFirst ? Task.FromResult(early) : ImportAllAsync(dll, workload.ImportFiles, data, cancellationToken);
        var callbackTime = await callback;
        var (importResults, importTime) = await imports;
        for (var round = 0; round < 3 && !tally.Unanswered.IsEmpty; round++)
        {
            await CallbackDriver.SendAsync(serve.Http, tally.Unanswered.Values.ToList(), options.Rate, tally, cancellationToken);
        }

        var persisted = clock.Elapsed;
        var expected = tally.Accepted.Count + workload.ImportRows - workload.ImportPoisoned;
        Say($"persisted: callback {tally.Accepted.Count:N0} accepted in {callbackTime.TotalSeconds:F1} s, {tally.Rejected.Count} rejected, {tally.Unanswered.Count} unanswered; import {importTime.TotalSeconds:F1} s; all stored at {persisted.TotalSeconds:F1} s");
        var done = await WaitAnalysedAsync(probe, expected, TimeSpan.FromSeconds(Math.Max(600, options.Messages / 150.0)), cancellationToken);
        var analysedAt = clock.Elapsed;
        var stages = serve.Stages();
        var memory = serve.Memory();
        var size = probe.Size;
        var loadDuring = sampler.Samples.Select(s => s.Load).DefaultIfEmpty(double.NaN).Average();
        await serve.StopAsync();

        var ledger = await probe.LedgerAsync(cancellationToken);
        using var restarted = await ServeProcess.StartAsync(dll, data, [], cancellationToken);
        var coldFull = restarted.ColdStart;
        await restarted.StopAsync();
        var baselineAfter = workload.SegmentOnlyRate();

        var endToEnd = expected / (analysedAt.TotalSeconds + (options.ImportFirst ? early.Time.TotalSeconds : 0));
        var importRows = importResults.Sum(r => ParseImported(r.Summary));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {options.Messages:N0} messages ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC), load average before {loadBefore}, mean 1-min load during {loadDuring:F1}, after {Workload.LoadAverage()}"));
        Console.WriteLine();
        Console.WriteLine("| stage | messages | msgs/s | vs segmenter baseline |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("persist: callback (HTTP, signed, group commit), at the offered rate", tally.Accepted.Count, tally.Accepted.Count / callbackTime.TotalSeconds);
        Row("persist: `monitor import` processes, start-up included", importRows, importRows / importTime.TotalSeconds);
        Row("persist: everything stored (wall clock)", expected, expected / persisted.TotalSeconds);
        Row("segment (pipeline busy time)", stages.Analysed, stages.Rate(stages.SegmentMs));
        Row("classify: sentiment, emotion, topic, service, urgency (busy time)", stages.Analysed, stages.Rate(stages.ClassifyMs));
        Row("near-duplicate link (busy time)", stages.Analysed, stages.Rate(stages.LinkMs));
        Row("index: save analyses + aggregates + FTS5 (busy time)", stages.Analysed, stages.Rate(stages.SaveMs));
        Row("pipeline, all stages (busy time)", stages.Analysed, stages.Rate(stages.SegmentMs + stages.ClassifyMs + stages.LinkMs + stages.SaveMs));
        Row("**end to end**: first message sent → last analysed and indexed" + (options.ImportFirst ? " (import time added)" : string.Empty), expected, endToEnd);
        Row("analysis drain: serve up → last analysed (wall clock)", expected, expected / analysedAt.TotalSeconds);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"end to end {analysedAt.TotalSeconds + (options.ImportFirst ? early.Time.TotalSeconds : 0):F1} s{(done ? string.Empty : " (TIMED OUT)")}; at this rate 1,000,000 take {1_000_000 / endToEnd / 60:F1} min; segmenter baseline {baselineBefore:N0} → {baselineAfter:N0} msgs/s (before → after)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve memory: peak RSS {memory.Peak:N0} MiB, at the end {memory.Rss:N0} MiB; store {size / 1048576.0:N0} MiB ({(double)size / expected:N0} bytes/message); cold start to /health 200: {coldEmpty.TotalSeconds:F2} s empty, {coldFull.TotalSeconds:F2} s with {expected:N0} messages"));
        Console.WriteLine();
        Console.WriteLine("| batch size (taken) | batches | save ms/message | all stages ms/message | msgs/s, all stages |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        foreach (var (taken, batches, messages, saveMs, allMs) in serve.StagesByBatchSize().Where(b => b.Batches >= 2))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {taken:N0} | {batches:N0} | {saveMs / messages:F2} | {allMs / messages:F2} | {messages / (allMs / 1000):N0} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pipeline: {stages.Batches:N0} batches, {(stages.Batches > 0 ? (double)stages.Analysed / stages.Batches : 0):F0} messages per batch; log warnings/errors: {serve.Problems.Count}"));
        foreach (var problem in serve.Problems.Take(10))
        {
            Console.WriteLine("  " + problem);
        }

        return Verdict(ledger, tally, workload, importResults, options.Keep, folder);

        void Row(string name, long count, double rate) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {count:N0} | {rate:N0} | {rate / baselineBefore:F2}× |"));
    }

    /// <summary>The ledger and the rejections every mode ends with; 0 when everything holds.</summary>
    public static int Verdict(Ledger ledger, CallbackTally tally, Workload workload, IReadOnlyList<ImportResult> imports, bool keep, string folder)
    {
        Console.WriteLine();
        ledger.Print(Console.Out);
        var violations = ledger.Violations(tally.Accepted.Count, workload.ImportRows - workload.ImportPoisoned).ToList();
        if (tally.Rejected.Count != workload.CallbackPoisoned)
        {
            violations.Add($"callback rejected {tally.Rejected.Count}, poisoned {workload.CallbackPoisoned}");
        }

        if (!tally.Unanswered.IsEmpty)
        {
            violations.Add($"{tally.Unanswered.Count} callback deliveries never answered");
        }

        foreach (var (number, reason) in tally.Rejected.OrderBy(r => r.Key))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  callback delivery {number} (MsgId {CallbackDriver.MsgId(number)}) answered {reason}"));
        }

        var importRejections = imports.SelectMany(r => r.Errors).Where(e => e.Contains("line ", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var line in importRejections.Take(20))
        {
            Console.WriteLine("  import: " + line);
        }

        if (importRejections.Count != workload.ImportPoisoned)
        {
            violations.Add($"import listed {importRejections.Count} rejected rows, poisoned {workload.ImportPoisoned}");
        }

        Console.WriteLine(violations.Count == 0 ? "LEDGER OK" : "LEDGER VIOLATED:\n  " + string.Join("\n  ", violations));
        if (!keep)
        {
            Directory.Delete(folder, recursive: true);
        }
        else
        {
            Console.WriteLine($"kept {folder}");
        }

        return violations.Count == 0 ? 0 : 1;
    }

    public static async Task<(List<ImportResult> Results, TimeSpan Time)> ImportAllAsync(string dll, IReadOnlyList<string> files, string data, CancellationToken cancellationToken)
    {
        var results = new List<ImportResult>();
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            using var import = ImportFiles.Start(dll, file, data);
            results.Add(await ImportFiles.FinishAsync(import, cancellationToken));
        }

        return (results, clock.Elapsed);
    }

    public static async Task<bool> WaitAnalysedAsync(StoreProbe probe, long expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                var p = await probe.ProgressAsync(cancellationToken);
                if (p.Messages >= expected && p.Pending == 0 && p.Analysed == p.Messages)
                {
                    return true;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Busy under a heavy write; ask again.
            }

            await Task.Delay(200, cancellationToken);
        }

        return false;
    }

    public static long ParseImported(string summary)
    {
        // "imported N new, M already stored, K rejected"
        var parts = summary.Split(' ');
        return parts.Length > 1 && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
    }

    public static void Say(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {line}"));

    public static string FindRoot()
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
}
