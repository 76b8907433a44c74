using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Bench.Synthetic;

namespace Monitor.EndToEnd;

/// <summary>
/// <c>fault elasticsearch</c>: serve runs with its Elasticsearch copy configured (<c>Monitor__Elasticsearch__Url</c>)
/// against <see cref="FakeElasticsearch"/>, the workload goes in through the callback and imports, and the copy is
/// kept current the way docs/OPERATIONS.md says — <c>monitor reindex --to elasticsearch</c> from a timer (here every
/// few seconds, never two at once) — while the node refuses whole requests with 429 and 503 and single items with
/// 429 (once) and 400 mapper_parsing_exception (for good, a known fraction), and answers some requests 200 without
/// per-item results. Once all is analysed the harness assigns and resolves cases the copy already holds through serve's
/// case API. A second reindex started by hand during a timer run must be turned away by the copy's lease. It
/// ends with the store's ledger and the copy's: every analysed message in the copy exactly once and as analysed (case
/// status and urgency score as the store has them now), or dead-lettered with its reason.
/// </summary>
internal static class FaultsElasticsearch
{
    private static readonly TimeSpan CopyEvery = TimeSpan.FromSeconds(3);

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var dll = ServeProcess.MonitorDll(Harness.FindRoot());
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("monitor-fault-es-").FullName;
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var workload = await Workload.CreateAsync(options.Messages, options.CallbackShare, Path.Combine(folder, "files"), cancellationToken);
        await using var node = await FakeElasticsearch.StartAsync(SharedDataFolder.Find(), cancellationToken);
        Harness.Say($"fault elasticsearch: {workload.Callback.Count:N0} callback deliveries, {workload.ImportRows:N0} import rows ({workload.ImportPoisoned} poisoned); fake node {node.Url}; load average {Workload.LoadAverage()}");

        // serve (and every `monitor` it starts) inherits this: the questions read the copy, as at a city or province.
        Environment.SetEnvironmentVariable("Monitor__Elasticsearch__Url", node.Url.ToString());
        var port = ServeProcess.FreePort();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(20) };
        using var serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken, port);
        var probe = new StoreProbe(data);
        var tally = new CallbackTally();
        var copies = new List<ReindexRun>();
        var intruders = new List<ReindexRun>();
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CopyTimerAsync(dll, data, node.Url, copies, intruders, stopTimer.Token);
        var clock = Stopwatch.StartNew();

        var callback = CallbackDriver.SendAsync(http, workload.Callback, options.Rate / 3, tally, cancellationToken, inFlight: 16);
        var (imports, _) = await Harness.ImportAllAsync(dll, workload.ImportFiles, data, cancellationToken);
        await callback;
        for (var round = 0; round < 5 && !tally.Unanswered.IsEmpty; round++)
        {
            Harness.Say($"sending {tally.Unanswered.Count:N0} unanswered deliveries again");
            await CallbackDriver.SendAsync(http, tally.Unanswered.Values.ToList(), options.Rate / 3, tally, cancellationToken, inFlight: 16);
        }

        var expected = tally.Accepted.Count + workload.ImportRows - workload.ImportPoisoned;
        var done = await Harness.WaitAnalysedAsync(probe, expected, TimeSpan.FromMinutes(8), cancellationToken);
        Harness.Say($"all analysed: {done} after {clock.Elapsed.TotalSeconds:F0} s; {copies.Count} reindex runs so far");

        // The timer's next tick after the last analysis: let the running copy finish, then one more (the copy catches up).
        await stopTimer.CancelAsync();
        await timer;
        copies.Add(await RunWithIntruderAsync(dll, data, node.Url, intruders, copies));
        Harness.Say($"catch-up reindex: exit {copies[^1].ExitCode}, {copies[^1].Summary}");

        // Responders at work on cases the copy holds, through serve's case API (signed in, CSRF token): the copy must
        // follow each change (the change log, re-copied by the next run).
        var changes = await ChangeCasesAsync(port, node, cancellationToken);
        Harness.Say($"cases changed through the API: assigned {changes.Assigned}, resolved {changes.Resolved}, refused {changes.Refused}");
        copies.Add(await RunWithIntruderAsync(dll, data, node.Url, intruders, copies));
        Harness.Say($"last reindex: exit {copies[^1].ExitCode}, {copies[^1].Summary}");
        Harness.Say($"serve log warnings/errors {serve.Problems.Count}; peak RSS {serve.Memory().Peak:N0} MiB");
        foreach (var problem in serve.Problems.Select(p => p.Length > 200 ? p[..200] : p).Distinct().Take(5))
        {
            Console.WriteLine("  serve log: " + problem);
        }

        await serve.StopAsync();
        var copyViolations = await CopyLedgerAsync(Path.Combine(data, "monitor.db"), node, copies, intruders, changes, cancellationToken);
        var ledger = await probe.LedgerAsync(cancellationToken);
        var verdict = Harness.Verdict(ledger, tally, workload, imports, options.Keep, folder);
        Console.WriteLine(copyViolations.Count == 0 ? "COPY LEDGER OK" : "COPY LEDGER VIOLATED:\n  " + string.Join("\n  ", copyViolations));
        return verdict == 0 && copyViolations.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Signs in as the admin and, for every 50th document in the copy that holds an open case, assigns it
    /// (or, every other one, resolves it) through <c>POST /api/cases/{id}/assign|resolve</c>.
    /// </summary>
    private static async Task<CaseChanges> ChangeCasesAsync(int port, FakeElasticsearch node, CancellationToken cancellationToken)
    {
        using var admin = await FaultsWeChat.AdminSession.SignInAsync(port, cancellationToken);
        var open = node.Documents.Values
            .Where(d => d.Source["case_status"]?.GetValue<string>() == "open")
            .Select(d => d.Source["message_id"]!.GetValue<long>())
            .Order()
            .Where((_, i) => i % 50 == 0)
            .ToList();
        int assigned = 0, resolved = 0, refused = 0;
        for (var i = 0; i < open.Count; i++)
        {
            var action = i % 2 == 0 ? "assign" : "resolve";
            var status = await admin.PostAsync($"/api/cases/{open[i]}/{action}", cancellationToken);
            if (status == 200)
            {
                _ = action == "assign" ? assigned++ : resolved++;
            }
            else if (status == 403)
            {
                refused++;
            }
            else
            {
                throw new InvalidOperationException($"POST /api/cases/{open[i]}/{action} answered {status}");
            }
        }

        return new CaseChanges(assigned, resolved, refused);
    }

    /// <summary>
    /// Runs reindex every <see cref="CopyEvery"/>, one at a time, as a systemd timer would, until stopped. During the
    /// first run a second reindex is started by hand, as an operator might: the copy's lease must turn it away.
    /// </summary>
    private static async Task CopyTimerAsync(string dll, string data, Uri node, List<ReindexRun> runs, List<ReindexRun> intruders, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(CopyEvery, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (File.Exists(Path.Combine(data, "monitor.db")))
            {
                // A copy that has started runs to its end: stopping the timer does not cut it off.
                runs.Add(await RunWithIntruderAsync(dll, data, node, intruders, runs));
            }
        }
    }

    /// <summary>
    /// One reindex; until a second run started by hand has met a running one, also that second run: started once the
    /// first holds the copy's lease (its row in the store), recorded with whether the first still ran when it ended.
    /// A second run that found no other running (the first ended too soon) was an ordinary copy: counted as a run.
    /// </summary>
    private static async Task<ReindexRun> RunWithIntruderAsync(string dll, string data, Uri node, List<ReindexRun> intruders, List<ReindexRun> runs)
    {
        var run = ReindexAsync(dll, data, node, CancellationToken.None);
        if (intruders.Count > 0)
        {
            return await run;
        }

        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "monitor.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        while (!run.IsCompleted)
        {
            await using var connection = new SqliteConnection(database);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM reindex_leases;";
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        if (!run.IsCompleted)
        {
            var intruder = await ReindexAsync(dll, data, node, CancellationToken.None);
            if (intruder.ExitCode == 3 || !run.IsCompleted)
            {
                // Refused (the first held the lease), or — a violation the ledger reports — not refused while it ran.
                intruders.Add(intruder with { WhileAnotherRan = true });
            }
            else
            {
                runs.Add(intruder);
            }
        }

        return await run;
    }

    private static async Task<ReindexRun> ReindexAsync(string dll, string data, Uri node, CancellationToken cancellationToken)
    {
        using var process = ServeProcess.Launch(dll, ["reindex", "--to", "elasticsearch", "--es-url", node.ToString(), "--data", data]);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await stdout;
        var lines = (await stderr).Split(['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new ReindexRun(
            process.ExitCode,
            lines.LastOrDefault(l => !l.StartsWith('[')) ?? lines.LastOrDefault() ?? string.Empty,
            lines.Where(l => l.StartsWith("reindex stopped", StringComparison.Ordinal)).ToList(),
            lines.FirstOrDefault(l => l.Contains("wait for their analysis", StringComparison.Ordinal)))
        {
            Recopied = lines.Where(l => l.Contains("copied again", StringComparison.Ordinal))
                .Sum(l => long.Parse(l.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// The copy's ledger against the store: each analysed message in the copy once, with the store's analysis state
    /// and id, case status and urgency score, or dead-lettered with a status and reason; nothing in the copy the store
    /// does not hold; the only dead letters those the node refused for good (throttling, unavailability and answers
    /// without per-item results were retried, never dropped); the second run by hand refused with exit 3.
    /// </summary>
    private static async Task<List<string>> CopyLedgerAsync(
        string database, FakeElasticsearch node, IReadOnlyList<ReindexRun> runs, IReadOnlyList<ReindexRun> intruders, CaseChanges changes,
        CancellationToken cancellationToken)
    {
        var store = new Dictionary<string, (long Id, string State, string? CaseStatus, int? Urgency)>(StringComparer.Ordinal);
        var dead = new List<(string Id, int Status, string? Type, string Reason)>();
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT m.id, m.source_kind, m.source_id, a.state, a.case_status, a.urgency FROM messages m JOIN analyses a ON a.message_id = m.id;";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    store[reader.GetString(1) + ":" + reader.GetString(2)] = (
                        reader.GetInt64(0), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetInt32(5));
                }
            }

            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT document_id, status, error_type, reason FROM dead_letters ORDER BY id;";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    dead.Add((reader.GetString(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
                }
            }
        }

        var deadIds = dead.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var copy = node.Documents;
        var finished = store.Where(s => s.Value.State is "done" or "skipped").ToList();
        var missing = finished.Count(s => !copy.ContainsKey(s.Key) && !deadIds.Contains(s.Key));
        var stale = finished.Count(s => copy.TryGetValue(s.Key, out var d) && d.Source["analysis_state"]?.GetValue<string>() != s.Value.State);
        var wrongId = finished.Count(s => copy.TryGetValue(s.Key, out var d) && d.Source["message_id"]?.GetValue<long>() != s.Value.Id);
        var foreign = copy.Keys.Count(k => !store.ContainsKey(k));
        // What the responders' queue reads from the copy: each copied document's case status and urgency score, as the
        // store has them now (a case or an urgency changed after the copy and not re-copied would differ).
        var compared = finished.Where(s => copy.ContainsKey(s.Key)).ToList();
        var caseDiffers = compared.Count(s => copy[s.Key].Source["case_status"]?.GetValue<string>() != s.Value.CaseStatus);
        var urgencyDiffers = compared.Count(s => copy[s.Key].Source["urgency"]?.GetValue<int>() != s.Value.Urgency);
        var withCase = compared.Count(s => s.Value.CaseStatus is not null);
        var expectedDead = store.Keys.Where(FakeElasticsearch.RefusedForGood).ToHashSet(StringComparer.Ordinal);
        var throttledInCopy = store.Keys.Count(k => FakeElasticsearch.ThrottledOnce(k) && !FakeElasticsearch.RefusedForGood(k) && copy.ContainsKey(k));
        var throttledExpected = store.Keys.Count(k => FakeElasticsearch.ThrottledOnce(k) && !FakeElasticsearch.RefusedForGood(k));

        Console.WriteLine();
        Console.WriteLine("| Elasticsearch copy | count |");
        Console.WriteLine("|---|---:|");
        Row("messages in the store / analysed (done or skipped)", $"{store.Count:N0} / {finished.Count:N0}");
        Row("reindex runs (timer every 3 s, then one to catch up and one after the case changes) / stopped with an error", $"{runs.Count} / {runs.Count(r => r.Stopped.Count > 0)}");
        Row("reindex runs that stopped before a message waiting for its analysis", string.Join("; ", runs.Where(r => r.Waiting is not null).Select(r => r.Waiting)) is { Length: > 0 } w ? w : "none");
        Row("`_bulk` requests / whole request answered 429 / 503 (nothing applied)", $"{node.BulkRequests:N0} / {node.Whole429} / {node.Whole503}");
        Row("items answered 429 once (es_rejected_execution_exception) / in the copy after the retry", $"{node.ItemsThrottled:N0} / {throttledInCopy:N0} of {throttledExpected:N0}");
        Row("item refusals for good (400 mapper_parsing_exception; re-sends of a refused document included) / documents dead-lettered", $"{node.ItemsRefusedForGood:N0} / {dead.Count:N0}");
        Row("documents in the copy / written in place again / in a second index (duplicates)", $"{copy.Count:N0} / {node.Rewrites:N0} / {node.Duplicates:N0}");
        Row("analysed messages neither in the copy nor dead-lettered (lost)", $"{missing:N0}");
        Row("copied with an analysis state the store no longer has (stale)", $"{stale:N0}");
        Row("cases changed through serve's API after their copy: assigned / resolved / refused (sealed, admin may not)", $"{changes.Assigned:N0} / {changes.Resolved:N0} / {changes.Refused:N0}");
        Row("messages copied again by the change pass (a case or urgency changed, an analysis saved after a failure)", $"{runs.Sum(r => r.Recopied):N0}");
        Row("copied documents compared with the store (with a case) / case status differs / urgency score differs", $"{compared.Count:N0} ({withCase:N0}) / {caseDiffers:N0} / {urgencyDiffers:N0}");
        Row("`_bulk` answered 200 without per-item results (recorded filter_path body; applied, sent again)", $"{node.WithoutItemResults:N0}");
        Row("second reindex started by hand during a timer run: exit / message", intruders.Count == 0 ? "not started" : $"{intruders[0].ExitCode} / {intruders[0].Summary}");
        Console.WriteLine();
        foreach (var group in dead.GroupBy(d => (d.Status, d.Type, d.Reason)).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  dead letter x{group.Count()}: {group.Key.Status} {group.Key.Type}: {group.Key.Reason}"));
        }

        foreach (var (path, count) in node.OtherPaths)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  other calls to the node: {path} x{count}"));
        }

        foreach (var stop in runs.SelectMany(r => r.Stopped).Distinct().Take(5))
        {
            Console.WriteLine("  reindex: " + stop);
        }

        var problems = new List<string>();
        Check(missing == 0, $"{missing} analysed messages are neither in the copy nor dead-lettered");
        Check(stale == 0, $"{stale} documents in the copy carry an analysis state the store no longer has (copied before they were analysed, never copied again)");
        Check(wrongId == 0, $"{wrongId} documents in the copy carry another message id");
        Check(foreign == 0, $"{foreign} documents in the copy are not in the store");
        Check(node.Duplicates == 0, $"{node.Duplicates} documents written into a second index");
        Check(deadIds.SetEquals(expectedDead), $"dead letters {deadIds.Count} are not exactly the {expectedDead.Count} documents the node refuses for good");
        Check(dead.Count == deadIds.Count, $"{dead.Count - deadIds.Count} documents dead-lettered more than once");
        Check(dead.All(d => d.Status == 400 && !string.IsNullOrWhiteSpace(d.Reason)), "a dead letter without the node's status and reason");
        Check(changes.Assigned > 0 && changes.Resolved > 0, "no case was changed through the API (run more messages)");
        Check(caseDiffers == 0, $"{caseDiffers} copied documents carry another case status than the store's");
        Check(urgencyDiffers == 0, $"{urgencyDiffers} copied documents carry another urgency score than the store's");
        Check(node.WithoutItemResults > 0, "the node never answered 200 without per-item results (run more messages)");
        Check(intruders.Count == 1 && intruders[0].WhileAnotherRan && intruders[0].ExitCode == 3 && intruders[0].Summary.Contains("is running", StringComparison.Ordinal),
            $"a second reindex during a timer run was not turned away by the lease: {(intruders.Count == 0 ? "not started" : $"exit {intruders[0].ExitCode}, while another ran {intruders[0].WhileAnotherRan}: {intruders[0].Summary}")}");
        Check(throttledInCopy == throttledExpected, $"items throttled once: {throttledInCopy} in the copy of {throttledExpected}");
        Check(node.Whole429 > 0 && node.Whole503 > 0 && node.ItemsThrottled > 0 && node.ItemsRefusedForGood > 0, "the node did not inject every kind of fault (run more messages)");
        Check(runs[^1].ExitCode is 0 or 1 && runs[^1].Stopped.Count == 0, $"the last reindex ended with {runs[^1].ExitCode}: {runs[^1].Summary}");
        return problems;

        void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }
}

/// <summary>One <c>monitor reindex</c>: its exit code, its last line, any "reindex stopped" message, and what waits for analysis.</summary>
/// <summary>Cases the harness changed through serve's API after their copy, and those it was refused (sealed).</summary>
internal sealed record CaseChanges(int Assigned, int Resolved, int Refused);

internal sealed record ReindexRun(int ExitCode, string Summary, IReadOnlyList<string> Stopped, string? Waiting)
{
    /// <summary>For a run started by hand: whether the timer's run was still going when it started and ended.</summary>
    public bool WhileAnotherRan { get; init; }

    public long Recopied { get; init; }
}
