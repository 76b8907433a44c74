using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Dashboard.Tests.Support;
using Monitor.Jobs.Alerts;
using Monitor.Nlp.Segmentation;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>The admin's alert rules and user dictionary: validated on the server, and in force without a restart.</summary>
public sealed class AdminSettingsTests : IClassFixture<MonitorAppFactory>
{
    private readonly MonitorAppFactory _app;

    public AdminSettingsTests(MonitorAppFactory app)
    {
        _app = app;
        RoleUsers.Create(app);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASavedRuleReachesTheEvaluatorsOptionsAndADeletedOneLeavesThem()
    {
        using var admin = await SignedInClient.CreateAsync(_app, "admin");

        using var saved = await admin.PostAsJsonAsync("/api/admin/alert-rules",
            new { id = "water-cut", split = "keyword", value = "停水", thresholdFactor = 2.5, minimumCount = 4 }, Token);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var rule = Assert.Single(_app.Services.GetRequiredService<IOptions<AlertOptions>>().Value.Rules, r => r.Id == "water-cut");
        Assert.Equal((AlertSplit.Keyword, "停水", 2.5, 4), (rule.Split, rule.Value, rule.ThresholdFactor, rule.MinimumCount));
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/alert-rules", Token);
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("id").GetString() == "water-cut");

        using var deleted = await admin.DeleteAsync("/api/admin/alert-rules/water-cut", Token);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.DoesNotContain(_app.Services.GetRequiredService<IOptions<AlertOptions>>().Value.Rules, r => r.Id == "water-cut");
        using var again = await admin.DeleteAsync("/api/admin/alert-rules/water-cut", Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("bad id!", "keyword", "停水", 3, 5, "id")]
    [InlineData("r1", "volume", "停水", 3, 5, "split")]
    [InlineData("r1", "sentiment", "angry", 3, 5, "value")]
    [InlineData("r1", "keyword", "", 3, 5, "value")]
    [InlineData("r1", "keyword", "停水", -1, 5, "thresholdFactor")]
    [InlineData("r1", "keyword", "停水", 3, 0, "minimumCount")]
    public async Task AnInvalidRuleIsRefusedWithTheFieldNamedAndNothingChanges(string id, string split, string value, double k, int minimum, string field)
    {
        using var admin = await SignedInClient.CreateAsync(_app, "admin");
        var before = _app.Services.GetRequiredService<IOptions<AlertOptions>>().Value.Rules.Count;

        using var response = await admin.PostAsJsonAsync("/api/admin/alert-rules", new { id, split, value, thresholdFactor = k, minimumCount = minimum }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, _app.Services.GetRequiredService<IOptions<AlertOptions>>().Value.Rules.Count);
    }

    [Fact]
    public async Task AWriteWithoutTheAntiforgeryTokenIsRefused()
    {
        using var admin = await SignedInClient.CreateAsync(_app, "admin");
        admin.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        using var response = await admin.PostAsJsonAsync("/api/admin/dictionary", new { word = "滹沱湾夜市" }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ADictionaryWordIsCutWholeByThePipelinesSegmenterUntilItIsRemoved()
    {
        const string word = "滹沱湾夜市";
        const string text = "周末去滹沱湾夜市逛了逛";
        var segmenter = _app.Services.GetRequiredService<ITextSegmenter>();
        Assert.DoesNotContain(word, segmenter.Cut(text, SegmentMode.Exact));
        var versionBefore = segmenter.DictionaryVersion;
        using var admin = await SignedInClient.CreateAsync(_app, "admin");

        using var added = await admin.PostAsJsonAsync("/api/admin/dictionary", new { word, frequency = 0, tag = "ns" }, Token);

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains(word, segmenter.Cut(text, SegmentMode.Exact));
        Assert.NotEqual(versionBefore, segmenter.DictionaryVersion);
        var view = await admin.GetFromJsonAsync<JsonElement>("/api/admin/dictionary", Token);
        Assert.Contains(view.GetProperty("words").EnumerateArray(), w => w.GetProperty("word").GetString() == word && w.GetProperty("tag").GetString() == "ns");

        using var removed = await admin.DeleteAsync("/api/admin/dictionary/" + Uri.EscapeDataString(word), Token);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain(word, segmenter.Cut(text, SegmentMode.Exact));
    }

    [Theory]
    [InlineData("两个 词")]
    [InlineData("12345")]
    [InlineData("<script>")]
    [InlineData("")]
    public async Task AWordThatJiebaWouldMisreadIsRefused(string word)
    {
        using var admin = await SignedInClient.CreateAsync(_app, "admin");

        using var response = await admin.PostAsJsonAsync("/api/admin/dictionary", new { word }, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDescriptionNamesTheNewEndpoints()
    {
        using var admin = await SignedInClient.CreateAsync(_app, "admin");

        var paths = (await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Token)).GetProperty("paths");

        foreach (var path in new[]
        {
            "/api/cases/lookup", "/api/cases/{id}/replies", "/api/clusters/{id}", "/api/clusters/{id}/reply", "/api/clusters/{id}/resolve",
            "/api/credibility", "/api/page-audit", "/api/briefs", "/api/briefs/{file}",
            "/api/admin/alert-rules", "/api/admin/alert-rules/{id}", "/api/admin/dictionary", "/api/admin/dictionary/{word}", "/api/admin/sealed-audit",
        })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the OpenAPI description");
        }
    }
}
