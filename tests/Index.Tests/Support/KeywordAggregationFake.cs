using System.Text.Json.Nodes;

namespace Monitor.Index.Tests.Support;

/// <summary>
/// A fake Elasticsearch node for keyword questions, under the real client: it keeps the documents a reindex bulk-writes
/// and answers a search that asks for the <c>keywords</c> terms aggregation by evaluating the request's query (bool
/// filter / must / must_not of term, terms, range, exists and match) over them, in the recorded answer's envelope.
/// What it cannot evaluate fails the test, so a query the fake does not understand is never silently matched.
/// </summary>
public sealed class KeywordAggregationFake
{
    public ReplayHandler Handler { get; }

    /// <summary>The documents as the bulk writer sent them, by _id.</summary>
    public Dictionary<string, JsonObject> Documents { get; } = [];

    public KeywordAggregationFake() => Handler = new ReplayHandler(Answer);

    private (int, string) Answer(RecordedRequest request)
    {
        if (request.PathAndQuery.StartsWith("/_bulk", StringComparison.Ordinal))
        {
            var lines = request.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i + 1 < lines.Length; i += 2)
            {
                var (_, meta) = JsonNode.Parse(lines[i])!.AsObject().Single();
                Documents[meta!["_id"]!.GetValue<string>()] = JsonNode.Parse(lines[i + 1])!.AsObject();
            }

            return (200, BulkAnswers.AllCreated(request));
        }

        if (!request.PathAndQuery.Contains("/_search", StringComparison.Ordinal))
        {
            return (200, ElasticsearchFixtures.Read("index/create_index.response.json"));
        }

        var body = JsonNode.Parse(request.Body)!;
        var terms = body["aggregations"]!["keywords"]!["terms"]!;
        Assert.Equal("keywords", terms["field"]!.GetValue<string>());
        var size = terms["size"]!.GetValue<int>();
        var matched = Documents.Values.Where(d => body["query"] is not { } query || Matches(query, d)).ToList();
        var counts = matched.SelectMany(d => d["keywords"] is JsonArray words ? words.Select(w => w!.GetValue<string>()).Distinct(StringComparer.Ordinal) : [])
            .GroupBy(w => w, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Count: g.Count()))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Key, StringComparer.Ordinal)
            .ToList();
        var envelope = JsonNode.Parse(ElasticsearchFixtures.Read("search/terms_agg.response.json"))!.AsObject();
        envelope["hits"]!["total"]!["value"] = matched.Count;
        envelope["aggregations"] = new JsonObject
        {
            ["sterms#keywords"] = new JsonObject
            {
                ["doc_count_error_upper_bound"] = 0,
                ["sum_other_doc_count"] = counts.Skip(size).Sum(b => b.Count),
                ["buckets"] = new JsonArray([.. counts.Take(size).Select(b => (JsonNode)new JsonObject { ["key"] = b.Key, ["doc_count"] = b.Count })]),
            },
        };
        return (200, envelope.ToJsonString());
    }

    private static bool Matches(JsonNode query, JsonObject document)
    {
        var (kind, clause) = query.AsObject().Single();
        switch (kind)
        {
            case "bool":
                return All(clause!["filter"]).All(q => Matches(q, document))
                    && All(clause["must"]).All(q => Matches(q, document))
                    && !All(clause["must_not"]).Any(q => Matches(q, document));
            case "term":
            {
                var (field, value) = clause!.AsObject().Single();
                var wanted = value is JsonObject o ? o["value"]! : value!;
                return Values(document, field).Any(v => Same(v, wanted));
            }

            case "terms":
            {
                var (field, values) = clause!.AsObject().Single();
                return Values(document, field).Any(v => values!.AsArray().Any(w => Same(v, w!)));
            }

            case "exists":
                return document[clause!["field"]!.GetValue<string>()] is not null;
            case "range":
            {
                var (field, bounds) = clause!.AsObject().Single();
                var value = document[field]?.GetValue<double>();
                return value is { } x
                    && (bounds!["gte"] is not { } gte || x >= gte.GetValue<double>())
                    && (bounds["lt"] is not { } lt || x < lt.GetValue<double>());
            }

            case "match":
            {
                var (field, match) = clause!.AsObject().Single();
                var tokens = (document[field]?.GetValue<string>() ?? string.Empty).Split(' ');
                return match!["query"]!.GetValue<string>().Split(' ', StringSplitOptions.RemoveEmptyEntries).All(tokens.Contains);
            }

            default:
                Assert.Fail($"the fake cannot evaluate a '{kind}' query: {query.ToJsonString()}");
                return false;
        }
    }

    /// <summary>The client writes a one-element list as the element itself.</summary>
    private static IEnumerable<JsonNode> All(JsonNode? node) => node switch
    {
        null => [],
        JsonArray array => array.Select(n => n!),
        _ => [node],
    };

    private static IEnumerable<JsonNode> Values(JsonObject document, string field) => All(document[field]);

    private static bool Same(JsonNode a, JsonNode b) => a.ToJsonString() == b.ToJsonString();
}
