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
    public async Task UnansweredNegativeCommentsAndARepeatAfterASolvedCaseAreFlaggedWithTheirEvidence()
    {
        // Comments under one post, three days old (past the 48-hour answer window); only the praise was answered.
        var post = "art-" + Guid.NewGuid().ToString("N");
        var angry = "这个通报纯属糊弄人，垃圾站臭气熏天半年了根本没人管，太差劲了，气死人";
        var praise = "感谢政府，工作做得非常好，点赞";
        var comments = new[]
        {
            Comment(post, "c1", angry, featured: false),
            Comment(post, "c2", praise, featured: true),
            Comment(post, "c2:reply", "谢谢您的支持", featured: false, kind: "reply", parent: post + ":c2"),
        };
        // A citizen's complaint, declared solved, then the same complaint again.
        var author = "u_repeat" + Guid.NewGuid().ToString("N")[..8];
        var first = Citizen("rep-1", "幸福小区路灯坏了一个多月，晚上出行很不安全") with { Author = author, Time = DateTimeOffset.UtcNow.AddDays(-5) };
        var again = Citizen("rep-2", "幸福小区路灯还是没修好，晚上出行还是很不安全") with { Author = author, Time = DateTimeOffset.UtcNow.AddDays(-1) };
        await _app.Store.IngestBatchAsync([.. comments, first, again], Token);
        var stored = await _app.WaitForAnalysisAsync(5, Token);
        var firstId = stored.Single(m => m.Message.SourceId == first.SourceId).Id;
        Assert.True(await _app.Services.GetRequiredService<Monitor.Index.Cases.ICaseWorkflow>().ResolveAsync(firstId, DateTimeOffset.UtcNow.AddDays(-3), Token));
        using var official = await SignedInClient.CreateAsync(_app, "official");

        var report = await official.GetFromJsonAsync<JsonElement>("/api/credibility", Token);

        var checks = report.GetProperty("checks").EnumerateArray().ToList();
        var unanswered = Assert.Single(checks, c => c.GetProperty("kind").GetString() == "unanswered-negative-comments" && c.GetProperty("subject").GetString() == post);
        var evidence = unanswered.GetProperty("evidence").EnumerateArray().ToList();
        Assert.NotEmpty(evidence);
        Assert.All(evidence, e => Assert.Contains(e.GetProperty("text").GetString()!, angry, StringComparison.Ordinal));
        Assert.Equal(stored.Single(m => m.Message.SourceId == comments[0].SourceId).Id, evidence[0].GetProperty("messageId").GetInt64());
        var repeat = Assert.Single(checks, c => c.GetProperty("kind").GetString() == "repeated-after-solved" && c.GetProperty("subject").GetString() == author);
        Assert.Contains(repeat.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("messageId").GetInt64() == stored.Single(m => m.Message.SourceId == again.SourceId).Id);
        Assert.True(report.GetProperty("kinds").GetProperty("repeated-after-solved").GetInt32() >= 1);
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

    private static Message Comment(string post, string id, string text, bool featured, string kind = "comment", string? parent = null) => new()
    {
        SourceKind = "wechat-comment",
        SourceId = post + ":" + id,
        Account = "gh_test",
        Author = kind == "reply" ? null : "u_" + id + post[^6..],
        Time = DateTimeOffset.UtcNow.AddDays(kind == "reply" ? -2 : -3),
        Kind = kind == "reply" ? "reply" : featured ? "comment:featured" : "comment",
        Text = text,
        ParentId = parent ?? post,
    };

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
