using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitor.Bench.Synthetic;

namespace Monitor.EndToEnd;

/// <summary>
/// <c>fault wechat-api</c>: serve polls <see cref="FakeWeChatApi"/> (its <c>WeChat:Api:BaseAddress</c>) with two
/// configured sources — the account's published articles and the comments under them — while comments arrive in
/// steps and the API misbehaves in between: the token rotated by another server (40001, a plain refresh helps), the
/// token revoked (40001 twice, one forced refresh), system busy for fewer calls than the client retries (-1, absorbed)
/// and for more (-1, the run fails and Quartz retries it), and the daily quota of comment/list spent (45009: the
/// source stops until 00:05 China time tomorrow, with an alert; the admin API shows it; no call reaches the API while
/// it is stopped; an admin starts it again once the quota is back). It ends with the store's ledger and the API's:
/// every comment, reply and article the fake served stored exactly once and analysed once, nothing released left
/// unserved, every failure visible with its reason in the source's health, its alerts or serve's log.
/// </summary>
internal static partial class FaultsWeChat
{
    private const string Comments = "bench-comments";
    private const string Articles = "bench-articles";
    private const string CommentsCron = "*/3 * * * * ?";
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(3);

    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var dll = ServeProcess.MonitorDll(Harness.FindRoot());
        var folder = options.Folder ?? Directory.CreateTempSubdirectory("monitor-fault-wechat-").FullName;
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var texts = SyntheticMessages.FromSharedData(SharedDataFolder.Find()).GenerateMessages(2_000, Workload.Seed, TimeSpan.FromDays(365)).Select(m => m.Text).ToList();
        await using var api = await FakeWeChatApi.StartAsync(texts, options.Messages, cancellationToken);
        Harness.Say($"fault wechat-api: {api.CommentCount:N0} comments under {api.ArticleCount} articles; fake API {api.Url}; load average {Workload.LoadAverage()}");
        Configure(api);
        var serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken);
        var admin = await AdminSession.SignInAsync(serve.Port, cancellationToken);
        var probe = new StoreProbe(data);
        var seen = new List<string>();
        var problems = new List<string>();
        try
        {
            var clock = Stopwatch.StartNew();
            var total = api.CommentCount;

            await StepAsync("30 % of the comments, no fault", () => api.Release(total * 3 / 10));
            await StepAsync("token rotated by another server (40001, then a plain refresh)", () =>
            {
                api.RotateTokenElsewhere();
                api.Release(total * 45 / 100);
            });
            await StepAsync("system busy for 3 calls (-1, fewer than the client's 4 retries)", () =>
            {
                api.BusyFor(3);
                api.Release(total * 6 / 10);
            });
            var forcedBefore = api.ForcedRefreshes;
            await StepAsync("token revoked (40001 after a plain refresh too, then one forced refresh)", () =>
            {
                api.RevokeToken();
                api.Release(total * 7 / 10);
            });
            var forced = api.ForcedRefreshes - forcedBefore;
            var busyFailureSeen = false;
            await StepAsync("system busy for 6 calls (-1, more than the retries: the run fails, Quartz retries it)", () =>
            {
                api.BusyFor(6);
                api.Release(total * 8 / 10);
            }, async () => busyFailureSeen |= (await admin.HealthAsync(Comments, cancellationToken)) is { LastErrorCode: -1 });

            // 45009: the quota of comment/list is spent; the comments that arrive meanwhile wait for the next day.
            api.QuotaSpent = true;
            api.Release(total);
            var stopped = await WaitAsync(async () => await admin.HealthAsync(Comments, cancellationToken) is { PausedUntil: not null } h ? h : null);
            var chinaNow = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
            var expectedUntil = new DateTimeOffset(chinaNow.Date.AddDays(1).AddMinutes(5), TimeSpan.FromHours(8));
            var callsAtStop = api.Calls("comment/list");
            Harness.Say($"45009: health says {stopped?.LastErrorCode} {stopped?.LastErrorAction}, paused until {stopped?.PausedUntil:yyyy-MM-dd HH:mm zzz} (expected {expectedUntil:yyyy-MM-dd HH:mm zzz}); next fire {stopped?.NextFire:yyyy-MM-dd HH:mm zzz}");
            await Task.Delay(TimeSpan.FromSeconds(15), cancellationToken);
            var alerts = await WaitAsync(async () => await admin.AlertsAsync(cancellationToken) is { Count: > 0 } list ? list : null) ?? [];

            // The stop is kept in the job store: a restart of serve in the middle of it does not end it.
            var earlierLog = serve.Problems.ToList();
            await serve.StopAsync();
            serve.Dispose();
            serve = await ServeProcess.StartAsync(dll, data, [], cancellationToken, serve.Port);
            admin.Dispose();
            admin = await AdminSession.SignInAsync(serve.Port, cancellationToken);
            var afterRestart = await admin.HealthAsync(Comments, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(9), cancellationToken);
            var callsWhileStopped = api.Calls("comment/list") - callsAtStop;
            var waiting = api.ReleasedNotServed;
            Harness.Say($"stopped 15 s, serve restarted (back in {serve.ColdStart.TotalSeconds:F1} s; health: paused until {afterRestart?.PausedUntil:yyyy-MM-dd HH:mm zzz}, next fire {afterRestart?.NextFire:yyyy-MM-dd HH:mm zzz}), 9 s more, cron {CommentsCron}: {callsWhileStopped} comment/list calls reached the API; {waiting:N0} released comments wait");
            api.QuotaSpent = false;
            await admin.SetCronAsync(Comments, CommentsCron, cancellationToken);
            await StepAsync("a new day's quota; an admin starts the source again (same cron)", () => { });

            var expected = api.Served.Count;
            var done = await Harness.WaitAnalysedAsync(probe, expected, TimeSpan.FromMinutes(5), cancellationToken);
            var health = await admin.HealthAsync(Comments, cancellationToken);
            Harness.Say($"all analysed: {done} after {clock.Elapsed.TotalSeconds:F0} s; comments source health: {health?.ConsecutiveFailures} failures, paused until {health?.PausedUntil?.ToString("O", CultureInfo.InvariantCulture) ?? "-"}, last error {health?.LastErrorCode} {health?.LastErrorAction}");
            var logLines = earlierLog.Concat(serve.Problems).ToList();
            await serve.StopAsync();

            var stored = await StoredIdsAsync(Path.Combine(data, "monitor.db"), cancellationToken);
            var served = api.Served.ToHashSet(StringComparer.Ordinal);
            var ledger = await probe.LedgerAsync(cancellationToken);
            Console.WriteLine();
            Console.WriteLine("| step | what serve did |");
            Console.WriteLine("|---|---|");
            foreach (var line in seen)
            {
                Console.WriteLine(line);
            }

            Console.WriteLine();
            Console.WriteLine("| WeChat API | count |");
            Console.WriteLine("|---|---:|");
            Row("calls: stable_token / freepublish/batchget / comment/list", $"{api.Calls("stable_token")} / {api.Calls("freepublish/batchget"):N0} / {api.Calls("comment/list"):N0}");
            Row("tokens issued / forced refreshes (all / at the revoked token)", $"{api.TokensIssued} / {api.ForcedRefreshes} / {forced}");
            Row("answered 40001 / -1 / 45009", $"{api.ErrorsAnswered(40001)} / {api.ErrorsAnswered(-1)} / {api.ErrorsAnswered(45009)}");
            Row("comment/list calls while the source was stopped (15 s, a restart of serve, 9 s; cron every 3 s)", $"{callsWhileStopped}");
            Row("comments + replies + article items served / stored / stored twice", $"{served.Count:N0} / {stored.Count:N0} / {ledger.StoredTwice}");
            Row("released but never served", $"{api.ReleasedNotServed:N0}");
            Console.WriteLine();
            foreach (var alert in alerts)
            {
                Console.WriteLine("  alert: " + alert);
            }

            var logged = logLines.Where(l => l.Contains("WeChat", StringComparison.OrdinalIgnoreCase) || l.Contains("errcode", StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var line in logged.Select(l => Regex.Replace(l, @"\[\d+\]|attempt \d+|retrying in .*|rid: \S+", string.Empty)).Select(l => l.Length > 200 ? l[..200] : l).Distinct().Take(10))
            {
                Console.WriteLine("  serve log: " + line);
            }

            problems.AddRange(ledger.Violations(0, 0));
            Check(stored.SetEquals(served), $"stored {stored.Count} WeChat items, served {served.Count} ({stored.Except(served).Count()} stored not served, {served.Except(stored).Count()} served not stored)");
            Check(api.ReleasedNotServed == 0, $"{api.ReleasedNotServed} released comments never served");
            Check(served.Count > total, $"served {served.Count}, fewer than the {total} comments");
            Check(forced == 1, $"the revoked token took {forced} forced refreshes, not one");
            Check(api.ErrorsAnswered(40001) >= 3, "fewer 40001 answers than the two token faults need");
            Check(api.ErrorsAnswered(-1) == 9, $"-1 answered {api.ErrorsAnswered(-1)} times, 9 planned");
            Check(busyFailureSeen, "the failed run (-1 past the retries) never showed in the source's health");
            Check(stopped is { LastErrorCode: 45009, LastErrorAction: "StopUntilTomorrow" } && stopped.PausedUntil == expectedUntil, $"health after 45009: {stopped}");
            Check(callsWhileStopped == 0, $"{callsWhileStopped} comment/list calls while the source was stopped");
            Check(afterRestart?.PausedUntil == expectedUntil && afterRestart.NextFire == expectedUntil, $"after a restart of serve: {afterRestart}");
            Check(waiting > 0, "no comments were waiting while the source was stopped");
            Check(alerts.Any(a => a.Contains("45009", StringComparison.Ordinal)), "no ingest alert for 45009");
            Check(health is { ConsecutiveFailures: 0, PausedUntil: null }, $"the comments source after the restart: {health}");
            Check(logged.Any(l => l.Contains("40001", StringComparison.Ordinal)) && logged.Any(l => l.Contains("-1", StringComparison.Ordinal)), "serve's log does not show the 40001 and -1 answers");
            ledger.Print(Console.Out);
            Console.WriteLine(problems.Count == 0 ? "LEDGER OK" : "LEDGER VIOLATED:\n  " + string.Join("\n  ", problems));
            if (!options.Keep)
            {
                Directory.Delete(folder, recursive: true);
            }
            else
            {
                Console.WriteLine($"kept {folder}");
            }

            return problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            admin.Dispose();
            serve.Dispose();
        }

        async Task StepAsync(string name, Action fault, Func<Task>? watch = null)
        {
            var before = (Calls: api.Calls("comment/list"), Stored: (await SafeProgressAsync(probe, cancellationToken)).Messages);
            var started = Stopwatch.StartNew();
            fault();
            while (api.ReleasedNotServed > 0 && started.Elapsed < StepTimeout)
            {
                if (watch is not null)
                {
                    await watch();
                }

                await Task.Delay(250, cancellationToken);
            }

            // One more poll round, so the last page is stored, not just served.
            await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
            if (watch is not null)
            {
                await watch();
            }

            var h = await admin.HealthAsync(Comments, cancellationToken);
            var now = (await SafeProgressAsync(probe, cancellationToken)).Messages;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"| {name} | all served after {started.Elapsed.TotalSeconds:F1} s; {api.Calls("comment/list") - before.Calls:N0} comment/list calls; stored {before.Stored:N0} → {now:N0}; health: {h?.ConsecutiveFailures} failures, last error {h?.LastErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} |");
            seen.Add(line);
            Harness.Say(line);
        }

        async Task<T?> WaitAsync<T>(Func<Task<T?>> probeOnce)
            where T : class
        {
            var started = Stopwatch.StartNew();
            while (started.Elapsed < StepTimeout)
            {
                if (await probeOnce() is { } value)
                {
                    return value;
                }

                await Task.Delay(200, cancellationToken);
            }

            return null;
        }

        void Row(string name, string value) => Console.WriteLine($"| {name} | {value} |");

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }

    /// <summary>serve's configuration for this run; the child processes inherit the environment.</summary>
    private static void Configure(FakeWeChatApi api)
    {
        var settings = new Dictionary<string, string>
        {
            ["WeChat__Api__BaseAddress"] = api.Url.ToString(),
            ["WeChat__Api__AppId"] = FakeWeChatApi.AppId,
            ["WeChat__Api__AppSecret"] = FakeWeChatApi.AppSecret,
            ["WeChat__Api__RetryBaseDelay"] = "00:00:00.200",
            ["WeChat__Api__RetryMaxDelay"] = "00:00:02",
            ["Jobs__RetryInitialDelay"] = "00:00:02",
            // Ingest alerts reach the alert feed (and its WeCom/DingTalk/e-mail channels) on the evaluation run.
            ["Alerts__EvaluationCron"] = "*/5 * * * * ?",
            ["Sources__0__Kind"] = "wechat-comments",
            ["Sources__0__Id"] = Comments,
            ["Sources__0__Account"] = "gh_bench",
            ["Sources__0__Cron"] = CommentsCron,
            ["Sources__1__Kind"] = "wechat-articles",
            ["Sources__1__Id"] = Articles,
            ["Sources__1__Account"] = "gh_bench",
            ["Sources__1__Cron"] = "*/20 * * * * ?",
        };
        var i = 0;
        foreach (var key in api.ArticleKeys)
        {
            settings[$"Sources__0__Articles__{i++}"] = key;
        }

        foreach (var (key, value) in settings)
        {
            Environment.SetEnvironmentVariable(key, value);
        }
    }

    private static async Task<HashSet<string>> StoredIdsAsync(string database, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT source_id FROM messages WHERE source_kind IN ('wechat-comment', 'wechat-article');";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

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

    /// <summary>Signed in as the admin over HTTP, as the dashboard's admin page is: the source list with health, the cron form.</summary>
    internal sealed partial class AdminSession : IDisposable
    {
        private readonly HttpClient _http;
        private string _csrf = string.Empty;

        private AdminSession(HttpClient http) => _http = http;

        public static async Task<AdminSession> SignInAsync(int port, CancellationToken cancellationToken)
        {
            var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var session = new AdminSession(http);
            var login = await http.GetStringAsync("/login", cancellationToken);
            var field = HiddenField().Match(login);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
                ["userName"] = "admin",
                ["password"] = "End-To-End-Password-1",
            });
            using var signIn = await http.PostAsync("/login", form, cancellationToken);
            signIn.EnsureSuccessStatusCode();
            var page = await http.GetStringAsync("/admin", cancellationToken);
            session._csrf = WebUtility.HtmlDecode(CsrfMeta().Match(page).Groups[1].Value);
            return session;
        }

        public async Task<SourceState?> HealthAsync(string sourceId, CancellationToken cancellationToken)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/api/admin/sources", cancellationToken));
            foreach (var source in document.RootElement.EnumerateArray())
            {
                if (source.GetProperty("id").GetString() != sourceId)
                {
                    continue;
                }

                DateTimeOffset? next = source.TryGetProperty("nextFireTime", out var n) && n.ValueKind == JsonValueKind.String ? n.GetDateTimeOffset() : null;
                if (!source.TryGetProperty("health", out var h) || h.ValueKind != JsonValueKind.Object)
                {
                    return new SourceState(null, null, null, 0, null, next);
                }

                return new SourceState(
                    h.TryGetProperty("lastErrorCode", out var code) && code.ValueKind == JsonValueKind.Number ? code.GetInt32() : null,
                    h.TryGetProperty("lastErrorAction", out var action) && action.ValueKind == JsonValueKind.String ? action.GetString() : null,
                    h.TryGetProperty("lastError", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
                    h.TryGetProperty("consecutiveFailures", out var failures) ? failures.GetInt32() : 0,
                    h.TryGetProperty("pausedUntil", out var paused) && paused.ValueKind == JsonValueKind.String ? paused.GetDateTimeOffset() : null,
                    next);
            }

            return null;
        }

        /// <summary>The ingest alerts as the overview lists them (/api/alerts), one line each.</summary>
        public async Task<List<string>> AlertsAsync(CancellationToken cancellationToken)
        {
            using var document = JsonDocument.Parse(await _http.GetStringAsync("/api/alerts", cancellationToken));
            return Flatten(document.RootElement).Where(s => s.Contains("4500", StringComparison.Ordinal) || s.Contains("quota", StringComparison.OrdinalIgnoreCase) || s.Contains(Comments, StringComparison.Ordinal)).Distinct().ToList();

            static IEnumerable<string> Flatten(JsonElement element) => element.ValueKind switch
            {
                JsonValueKind.Array => element.EnumerateArray().SelectMany(Flatten),
                JsonValueKind.Object => [element.GetRawText()],
                _ => [],
            };
        }

        public async Task SetCronAsync(string sourceId, string cron, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/sources/{sourceId}/cron") { Content = JsonContent.Create(new { cron }) };
            request.Headers.Add("X-CSRF-TOKEN", _csrf);
            using var response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        /// <summary>A state-changing POST with the page's CSRF token, as the dashboard sends it; returns the HTTP status.</summary>
        public async Task<int> PostAsync(string path, CancellationToken cancellationToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path);
            request.Headers.Add("X-CSRF-TOKEN", _csrf);
            using var response = await _http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode;
        }

        public void Dispose() => _http.Dispose();

        [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
        private static partial Regex HiddenField();

        [GeneratedRegex("""<meta name="csrf-token" content="([^"]*)">""")]
        private static partial Regex CsrfMeta();
    }
}

/// <summary>A source's health as the admin API shows it.</summary>
internal sealed record SourceState(int? LastErrorCode, string? LastErrorAction, string? LastError, int ConsecutiveFailures, DateTimeOffset? PausedUntil, DateTimeOffset? NextFire);
