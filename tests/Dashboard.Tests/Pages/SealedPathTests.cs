using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Sealed;
using Monitor.Dashboard.Tests.Support;
using Monitor.Index;
using Monitor.Ingest.Privacy;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// The sealed 涉黑 path, endpoint by endpoint: every role but 涉黑专办 gets a 涉黑举报 message without its text or author
/// (a placeholder where the message is listed), 涉黑专办 reads it in full and every such opening is in the audit.
/// </summary>
public sealed class SealedPathTests : IClassFixture<SealedPathTests.World>
{
    private const string SealedText = "我们村的村霸黑社会团伙强占集体土地，背后有保护伞，请扫黑办查处";
    private const string SealedFragment = "强占集体土地";
    private const string OpenId = "oSealedReporter00000000000001";
    private const string SecondOpenId = "oSealedReporter00000000000002";
    private const string OrdinaryOpenId = "oOrdinaryCitizen000000000003";

    private readonly World _world;

    public SealedPathTests(World world) => _world = world;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string> OtherRoles => new() { "official", "responder", "researcher", "admin" };

    [Fact]
    public void TheSeededReportIsOnTheSealedPath()
    {
        var sealedPath = _world.App.Services.GetRequiredService<SealedPath>();
        Assert.True(sealedPath.IsSealed(_world.Report));
        Assert.NotNull(_world.Report.Analysis?.NearDuplicate);
        Assert.False(sealedPath.IsSealed(_world.Ordinary));
        // The account's own article about the campaign is not a citizen's report.
        Assert.False(sealedPath.IsSealed(_world.Report with { Message = _world.Report.Message with { SourceKind = "wechat-article" } }));
    }

    [Theory]
    [MemberData(nameof(OtherRoles))]
    public async Task OtherRolesNeverReceiveTheTextOrTheAuthorFromAnyEndpoint(string role)
    {
        using var client = await SignedInClient.CreateAsync(_world.App, role);
        var endpoints = Endpoints().ToList();
        var reached = 0;
        foreach (var (url, shows) in endpoints)
        {
            using var response = await client.GetAsync(url, Token);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                continue;
            }

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            reached++;
            var body = await ReadAsync(response);
            Assert.DoesNotContain(SealedFragment, body, StringComparison.Ordinal);
            Assert.DoesNotContain(_world.Author, body, StringComparison.Ordinal);
            if (shows == Shows.Placeholder)
            {
                Assert.Contains(SealedPath.Placeholder, body, StringComparison.Ordinal);
                Assert.DoesNotContain("保护伞", body, StringComparison.Ordinal);
            }
        }

        Assert.True(reached >= 2, $"{role} reached only {reached} endpoints");
    }

    [Fact]
    public async Task OtherRolesCannotWorkOnASealedCase()
    {
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");
        foreach (var action in new[] { "assign", "resolve" })
        {
            using var response = await responder.PostAsync($"/api/cases/{_world.Report.Id}/{action}", JsonContent.Create(new { }), Token);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        using var reply = await responder.PostAsJsonAsync($"/api/cases/{_world.Report.Id}/reply", new { text = "收到" }, Token);
        Assert.Equal(HttpStatusCode.Forbidden, reply.StatusCode);
        using var replies = await responder.GetAsync($"/api/cases/{_world.Report.Id}/replies", Token);
        Assert.Equal(HttpStatusCode.Forbidden, replies.StatusCode);
        using var labels = await responder.GetAsync($"/api/messages/{_world.Report.Id}/labels", Token);
        Assert.Equal(HttpStatusCode.Forbidden, labels.StatusCode);
        using var correction = await responder.PostAsJsonAsync($"/api/messages/{_world.Report.Id}/labels", new { task = "topic", label = "城乡建设" }, Token);
        Assert.Equal(HttpStatusCode.Forbidden, correction.StatusCode);
        using (var sealedUser = await SignedInClient.CreateAsync(_world.App, "sealed"))
        using (var ownLabels = await sealedUser.GetAsync($"/api/messages/{_world.Report.Id}/labels", Token))
        {
            Assert.Equal(HttpStatusCode.OK, ownLabels.StatusCode);
        }
        var cluster = _world.Report.Analysis!.NearDuplicate!.ClusterId;
        foreach (var action in new[] { "reply", "resolve" })
        {
            using var response = await responder.PostAsJsonAsync($"/api/clusters/{cluster}/{action}", new { text = "收到" }, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var members = (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("members").EnumerateArray().ToList();
            Assert.NotEmpty(members);
            Assert.All(members, m => Assert.Equal("skipped", m.GetProperty("status").GetString()));
        }

        Assert.NotEqual("user-responder", (await _world.App.Store.GetAsync(_world.Report.Id, Token))!.Case!.Assignee);
        Assert.Null((await _world.App.Store.GetAsync(_world.Report.Id, Token))!.Case!.ResolvedAt);
    }

    [Fact]
    public async Task TheSealedRoleReadsItInFullAndEveryOpeningIsAudited()
    {
        using var sealedClient = await SignedInClient.CreateAsync(_world.App, "sealed");
        var opened = new List<string>();
        foreach (var (url, shows) in Endpoints())
        {
            using var response = await sealedClient.GetAsync(url, Token);
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                continue;
            }

            var body = await ReadAsync(response);
            if (shows != Shows.Nothing)
            {
                Assert.Contains(SealedFragment, body, StringComparison.Ordinal);
                Assert.DoesNotContain(SealedPath.Placeholder, body, StringComparison.Ordinal);
                opened.Add(url);
            }
        }

        Assert.Contains(opened, u => u.StartsWith("/api/threads/", StringComparison.Ordinal));
        Assert.True(opened.Count >= 5, string.Join(", ", opened));

        using var assign = await sealedClient.PostAsync($"/api/cases/{_world.Report.Id}/assign", JsonContent.Create(new { }), Token);
        Assert.Equal(HttpStatusCode.OK, assign.StatusCode);

        using var admin = await SignedInClient.CreateAsync(_world.App, "admin");
        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/admin/sealed-audit", Token);
        var openings = audit.EnumerateArray().Where(o => o.GetProperty("user").GetString() == "user-sealed" && o.GetProperty("messageId").GetInt64() == _world.Report.Id)
            .Select(o => o.GetProperty("endpoint").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "latest", "queue", "search", "thread", "cluster", "case-lookup", "assign" }, openings);
        // Another role's reading is not an opening.
        Assert.DoesNotContain(audit.EnumerateArray(), o => o.GetProperty("user").GetString() != "user-sealed");
    }

    [Fact]
    public async Task ExportsCarryTheSealedRowWithoutTextTokensOrAuthor()
    {
        using var researcher = await SignedInClient.CreateAsync(_world.App, "researcher");
        using var response = await researcher.GetAsync("/api/export?format=csv", Token);
        var csv = await ReadAsync(response);
        var row = csv.Split('\n').Single(l => l.Contains(_world.Report.CaseNumber, StringComparison.Ordinal));
        Assert.Contains(SealedPath.Placeholder, row, StringComparison.Ordinal);
        Assert.DoesNotContain("u_", row, StringComparison.Ordinal);
        Assert.Contains(_world.Ordinary.Message.Text, csv, StringComparison.Ordinal);
    }

    /// <summary>What other roles get of the report: a placeholder where it is listed, nothing where it is not (the thread omits it).</summary>
    private enum Shows
    {
        Placeholder,
        Omitted,
        Nothing,
    }

    private IEnumerable<(string Url, Shows Shows)> Endpoints()
    {
        yield return ("/api/messages/latest?count=100", Shows.Placeholder);
        yield return ("/api/queue?count=100", Shows.Placeholder);
        yield return ("/api/search?q=" + Uri.EscapeDataString("黑社会团伙"), Shows.Placeholder);
        yield return ($"/api/threads/{_world.Author}", Shows.Omitted);
        yield return ($"/api/clusters/{_world.Report.Analysis!.NearDuplicate!.ClusterId}", Shows.Placeholder);
        yield return ($"/api/cases/lookup?number={_world.Report.CaseNumber}", Shows.Placeholder);
        yield return ("/api/export?format=csv", Shows.Placeholder);
        yield return ("/api/credibility", Shows.Nothing);
        yield return ("/api/overview", Shows.Nothing);
    }

    /// <summary>The body as text; an export zip is read entry by entry.</summary>
    private static async Task<string> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(Token);
        if (response.Content.Headers.ContentType?.MediaType != "application/zip")
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var zip = new ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(await reader.ReadToEndAsync(Token));
        }

        return text.ToString();
    }

    /// <summary>One app with a sealed report (sent twice, by two citizens, so it forms a cluster) and an ordinary message.</summary>
    public sealed class World : IAsyncLifetime
    {
        public MonitorAppFactory App { get; } = new();

        public StoredMessage Report { get; private set; } = null!;

        public StoredMessage Ordinary { get; private set; } = null!;

        public string Author { get; private set; } = string.Empty;

        public async ValueTask InitializeAsync()
        {
            RoleUsers.Create(App);
            using var http = App.CreateClient();
            var first = NewId();
            var ordinary = NewId();
            foreach (var (id, text, from) in new[] { (first, SealedText, OpenId), (NewId(), SealedText + "！", SecondOpenId), (ordinary, "村里的路灯坏了，请尽快维修", OrdinaryOpenId) })
            {
                using var response = await http.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, SignedDelivery.TextXml(id, text, from)), TestContext.Current.CancellationToken);
                response.EnsureSuccessStatusCode();
            }

            var stored = await App.WaitForAnalysisAsync(3, TestContext.Current.CancellationToken);
            Report = stored.Single(m => m.Message.SourceId == first);
            Ordinary = stored.Single(m => m.Message.SourceId == ordinary);
            Author = App.Services.GetRequiredService<Pseudonymizer>().Pseudonymize(OpenId);
            Assert.Equal(Author, Report.Message.Author);
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();

        private static string NewId() => Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
    }
}
