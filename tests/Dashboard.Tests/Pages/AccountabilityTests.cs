using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Tests.Support;
using Monitor.Ingest;
using Monitor.Jobs.Sources;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>Officials' credibility flags with their evidence, the edit/deletion audit and the briefs.</summary>
public sealed class AccountabilityTests : IClassFixture<MonitorAppFactory>
{
    private readonly MonitorAppFactory _app;

    public AccountabilityTests(MonitorAppFactory app)
    {
        _app = app;
        RoleUsers.Create(app);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CredibilityFlagsPointAtTheExactWordsThatRaisedThem()
    {
        const string text = "通报说路灯早就修好了，纯属糊弄人，我们反映了多次还是没亮，评论还被删了";
        await _app.Store.IngestBatchAsync([Citizen("cred-1", text), Citizen("cred-2", "谢谢社区帮忙修好了水管")], Token);
        using var official = await SignedInClient.CreateAsync(_app, "official");

        var report = await official.GetFromJsonAsync<JsonElement>("/api/credibility", Token);

        var flag = Assert.Single(report.GetProperty("flags").EnumerateArray(), f => f.GetProperty("text").GetString() == text);
        var signals = flag.GetProperty("signals").EnumerateArray().ToList();
        Assert.Contains(signals, s => s.GetProperty("kind").GetString() == "disbelief");
        Assert.Contains(signals, s => s.GetProperty("kind").GetString() == "censorship");
        Assert.All(signals, s => Assert.Equal(
            s.GetProperty("evidence").GetString(),
            text.Substring(s.GetProperty("start").GetInt32(), s.GetProperty("length").GetInt32())));
        Assert.DoesNotContain(report.GetProperty("flags").EnumerateArray(), f => f.GetProperty("text").GetString()!.Contains("水管", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BriefsAreListedAndDownloadedAndNoOtherFileCanBeReached()
    {
        var folder = Path.Combine(_app.DataDirectory, "briefs");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "2026-11-25-daily.html"), "<!DOCTYPE html><p>日报</p>", Token);
        await File.WriteAllBytesAsync(Path.Combine(folder, "2026-11-25-daily.xlsx"), [0x50, 0x4B, 3, 4], Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "2026-11-23-weekly.html"), "<p>周报</p>", Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "notes.txt"), "not a brief", Token);
        using var official = await SignedInClient.CreateAsync(_app, "official");

        var list = (await official.GetFromJsonAsync<JsonElement>("/api/briefs", Token)).EnumerateArray().ToList();

        Assert.Equal(2, list.Count);
        Assert.Equal(("2026-11-25", "daily", "2026-11-25-daily.html", "2026-11-25-daily.xlsx"),
            (list[0].GetProperty("date").GetString(), list[0].GetProperty("kind").GetString(), list[0].GetProperty("html").GetString(), list[0].GetProperty("excel").GetString()));
        Assert.Equal(JsonValueKind.Null, list[1].GetProperty("excel").ValueKind);
        using var html = await official.GetAsync("/api/briefs/2026-11-25-daily.html", Token);
        Assert.Equal("<!DOCTYPE html><p>日报</p>", await html.Content.ReadAsStringAsync(Token));
        Assert.Equal("attachment", html.Content.Headers.ContentDisposition?.DispositionType);
        foreach (var name in new[] { "notes.txt", "..%2Fmonitor.db", "2026-11-24-daily.html" })
        {
            using var refused = await official.GetAsync("/api/briefs/" + name, Token);
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{name}: {(int)refused.StatusCode}");
        }
    }

    [Fact]
    public async Task ThePageAuditShowsEditsAndDeletionsNewestFirst()
    {
        _ = _app.Services.GetRequiredService<ISourceHealth>();
        var database = Path.Combine(_app.DataDirectory, "sources.db");
        await using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            await connection.OpenAsync(Token);
            await using var command = connection.CreateCommand();
            // Rows as the page job writes them (SourceStateStore.RecordPageChangeAsync).
            command.CommandText = """
                insert into page_audit (source_id, url, kind, summary, time) values
                ('zhengding-news', 'https://example.gov.cn/a/1.html', 'Edited', 'title: ''停水通知'' → ''停水通知（更正）''', '2026-11-25T01:00:00.0000000+00:00'),
                ('zhengding-news', 'https://example.gov.cn/a/2.html', 'Deleted', '404 <script>x</script>', '2026-11-25T02:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync(Token);
        }

        using var official = await SignedInClient.CreateAsync(_app, "official");
        var audit = (await official.GetFromJsonAsync<JsonElement>("/api/page-audit", Token)).EnumerateArray().ToList();

        Assert.Equal(["Deleted", "Edited"], audit.Take(2).Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("404 <script>x</script>", audit[0].GetProperty("summary").GetString());
    }

    private static Message Citizen(string id, string text) => new()
    {
        SourceKind = "import",
        SourceId = id + "-" + Guid.NewGuid().ToString("N"),
        Account = "gh_test",
        Author = "u_" + id,
        Time = DateTimeOffset.UtcNow.AddHours(-1),
        Text = text,
    };
}
