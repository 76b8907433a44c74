using System.Text.Json.Nodes;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Queries;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>
/// What each question sends to Elasticsearch, and how recorded answers are read. Recorded aggregation names are
/// renamed to ours with their typed_keys prefix at run time (see <see cref="TypedKeys"/>).
/// </summary>
public sealed class ElasticsearchQueryRequestTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TemplateMapsTokensToAWhitespaceAnalyzerAndFiltersToKeywordsWithTheAlias()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("index/create_index.response.json")));

        await Index(handler).EnsureTemplateAsync(Token);

        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/_index_template/monitor-messages", request.PathAndQuery);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("monitor-messages-*", body["index_patterns"]!.ToString().Trim('[', ']', '"', ' ', '\n'));
        var template = body["template"]!;
        Assert.NotNull(template["aliases"]!["monitor-messages"]);
        Assert.Equal("whitespace", template["settings"]!["analysis"]!["analyzer"]!["seg_ws"]!["tokenizer"]!.GetValue<string>());
        Assert.Equal("strict", template["mappings"]!["dynamic"]!.GetValue<string>());
        var properties = template["mappings"]!["properties"]!;
        Assert.Equal("seg_ws", properties["tokens"]!["analyzer"]!.GetValue<string>());
        Assert.Equal("keyword", properties["account"]!["type"]!.GetValue<string>());
        Assert.Equal("keyword", properties["keywords"]!["type"]!.GetValue<string>());
        Assert.Equal("date", properties["time"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryDocumentFieldIsMappedBecauseTheMappingIsStrict()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("index/create_index.response.json")));
        await Index(handler).EnsureTemplateAsync(Token);
        var mapped = JsonNode.Parse(handler.Requests[0].Body)!["template"]!["mappings"]!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();

        var fields = typeof(MessageDocument).GetProperties()
            .Select(p => p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonPropertyNameAttribute>().Single().Name);

        Assert.All(fields, f => Assert.Contains(f, mapped));
    }

    [Fact]
    public async Task CountsOverTimeAskForAChinaTimeHistogramSplitByTheLabel()
    {
        var recorded = TypedKeys.Rename(ElasticsearchFixtures.Read("search/date_histogram_time_zone.response.json"), ("by_day", "date_histogram#over_time"));
        var handler = new ReplayHandler(_ => (200, recorded));

        var counts = await Index(handler).Queries.CountOverTimeAsync(
            new MessageFilter { Account = "gh_a", From = Corpus.Day0, To = Corpus.Day0.AddDays(7) }, TimeBucket.Day, CountSplit.Topic, Token);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("/monitor-messages/_search", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("typed_keys=true", request.PathAndQuery, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(0, body["size"]!.GetValue<int>());
        var histogram = body["aggregations"]!["over_time"]!;
        Assert.Equal("+08:00", histogram["date_histogram"]!["time_zone"]!.GetValue<string>());
        Assert.Equal("day", histogram["date_histogram"]!["calendar_interval"]!.GetValue<string>());
        Assert.Equal("topic", histogram["aggregations"]!["split"]!["terms"]!["field"]!.GetValue<string>());
        var filters = body["query"]!["bool"]!["filter"]!.AsArray().Select(f => f!.ToJsonString()).ToList();
        Assert.Contains(filters, f => f.Contains("\"account\"", StringComparison.Ordinal) && f.Contains("gh_a", StringComparison.Ordinal));
        Assert.Contains(filters, f => f.Contains("\"range\"", StringComparison.Ordinal) && f.Contains(Corpus.Day0.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        // The recorded histogram has no topic split under its buckets: no bars, and no crash.
        Assert.Empty(counts);
    }

    [Fact]
    public async Task TopKeywordsAreTheTermsAggregationOfTheKeywordTokens()
    {
        var fixture = ElasticsearchFixtures.Read("search/terms_agg.response.json");
        var handler = new ReplayHandler(_ => (200, TypedKeys.Rename(fixture, ("sales_by_category", "sterms#keywords"))));
        var expected = JsonNode.Parse(fixture)!["aggregations"]!["sales_by_category"]!["buckets"]!.AsArray()
            .Select(b => new TermCount(b!["key"]!.GetValue<string>(), b["doc_count"]!.GetValue<long>()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Term, StringComparer.Ordinal).Take(3).ToList();

        var top = await Index(handler).Queries.TopKeywordsAsync(MessageFilter.All, 3, Token);

        Assert.Equal(expected, top);
        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body)!;
        Assert.Equal("keywords", body["aggregations"]!["keywords"]!["terms"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task HotTopicsCompareTheWindowWithTheBaselineInTwoTermsAggregations()
    {
        var fixture = TypedKeys.Rename(ElasticsearchFixtures.Read("search/terms_agg.response.json"), ("sales_by_category", "sterms#keywords"));
        var handler = new ReplayHandler(_ => (200, fixture));

        var hot = await Index(handler).Queries.HotTopicsAsync(
            new MessageFilter { From = Corpus.Day0.AddDays(7), To = Corpus.Day0.AddDays(14) }, Corpus.Day0, Corpus.Day0.AddDays(7), 5, Token);

        Assert.Equal(2, handler.Requests.Count);
        // The same counts in both windows: nothing rose.
        Assert.Empty(hot);
    }

    [Fact]
    public async Task SearchAsksForBm25WithAHighlightAndPagesWithSearchAfter()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("search/search_empty_hits.response.json")));

        var page = await Index(handler).Queries.SearchAsync(new MessageFilter { Keyword = "河道 污染", Sentiment = "negative" }, 20, "1.5~42", Token);

        Assert.Empty(page.Hits);
        Assert.Null(page.NextCursor);
        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body)!;
        Assert.Equal(21, body["size"]!.GetValue<int>());
        Assert.True(body["track_total_hits"]!.GetValue<bool>());
        var match = First(body["query"]!["bool"]!["must"]!)["match"]!["tokens"]!;
        Assert.Equal("河道 污染", match["query"]!.GetValue<string>());
        Assert.Equal("and", match["operator"]!.GetValue<string>());
        Assert.Contains("negative", body["query"]!["bool"]!["filter"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal([1.5, 42], body["search_after"]!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Contains("_score", body["sort"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(DisplayTextMark, First(body["highlight"]!["fields"]!["tokens"]!["pre_tags"]!).GetValue<string>());
    }

    [Fact]
    public async Task UrgentQueueSortsByCaseStageThenUrgencyThenDeadline()
    {
        var handler = new ReplayHandler(_ => (200, ElasticsearchFixtures.Read("search/search_empty_hits.response.json")));

        await Index(handler).Queries.UrgentQueueAsync(new MessageFilter { ServiceFunction = "污染举报" }, 50, Token);

        var body = JsonNode.Parse(Assert.Single(handler.Requests).Body)!;
        var sort = body["sort"]!.AsArray().Select(s => s!.AsObject().Single().Key).ToList();
        Assert.Equal(["case_rank", "urgency", "deadline_at", "message_id"], sort);
        Assert.Contains("\"lt\":3", body["query"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingIndexIsAClearErrorNamingTheAlias()
    {
        var handler = new ReplayHandler(_ => (404, ElasticsearchFixtures.Read("errors/index_not_found_exception_404.json")));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => Index(handler).Queries.ThreadAsync("u1", 10, Token));

        Assert.Contains("index_not_found_exception", error.Message, StringComparison.Ordinal);
        Assert.Contains("monitor-messages", error.Message, StringComparison.Ordinal);
    }

    private static string DisplayTextMark => "\uE000";

    /// <summary>The client writes a one-element list as the element itself.</summary>
    private static JsonNode First(JsonNode node) => node is JsonArray array ? array[0]! : node;

    private ElasticsearchIndex Index(ReplayHandler handler) => FakeElasticsearch.Index(handler, new ElasticsearchOptions(), _folder.DatabasePath);
}
