using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.EndToEnd;

/// <summary>
/// An Elasticsearch node over real HTTP for the fault run: the index-template and refresh calls, and <c>_bulk</c> as the
/// documented protocol has it (NDJSON action/document pairs; per item a <c>status</c> and, when refused, an
/// <c>error</c> object; <c>errors: true</c> when any item failed; a whole request refused with 429 or 503 and an
/// error body, nothing applied). The refusals are the recorded ones in <c>../shared/data/elasticsearch</c>.
/// It keeps every document it accepted by <c>_id</c> and in which index, so the ledger can tell a document written
/// twice into two places (a duplicate) from one written again in place (a retry or a second reindex).
/// </summary>
internal sealed class FakeElasticsearch : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _itemThrottled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _otherPaths = new(StringComparer.Ordinal);
    private readonly Lock _plan = new();
    private readonly string _rejected429;
    private readonly string _itemRejected429Reason;
    private readonly JsonObject _mapperError;
    private readonly string _errorsOnly;
    private int _bulkRequests;
    private int _refusedForGood;
    private int _written;
    private int _rewrites;
    private int _duplicates;
    private int _streakLeft;
    private int _streakStatus;

    private FakeElasticsearch(WebApplication app, string data)
    {
        _app = app;
        var folder = Path.Combine(data, "elasticsearch");
        _rejected429 = File.ReadAllText(Path.Combine(folder, "errors", "es_rejected_execution_exception_429_indexing_pressure.json"));
        var itemRejected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "bulk", "bulk_429_item_rejected_es7.response.json")))!;
        _itemRejected429Reason = itemRejected["items"]![0]!["index"]!["error"]!["reason"]!.GetValue<string>();
        var mapper = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "bulk", "bulk_400_mapper_parsing_exception_es7.response.json")))!;
        _mapperError = mapper["items"]![0]!["index"]!["error"]!.AsObject();
        _errorsOnly = File.ReadAllText(Path.Combine(folder, "bulk", "bulk_filter_path_errors_only.response.json"));
    }

    public Uri Url { get; private set; } = null!;

    /// <summary>Whole <c>_bulk</c> requests answered 429 / 503 (nothing applied), and all bulk requests.</summary>
    public int Whole429 { get; private set; }

    public int Whole503 { get; private set; }

    /// <summary>
    /// Requests applied but answered 200 with the recorded <c>filter_path=items.*.error</c> body: not one result per
    /// action, so the writer can tell nothing about any document from it.
    /// </summary>
    public int WithoutItemResults { get; private set; }

    public int BulkRequests => _bulkRequests;

    public int ItemsThrottled => _itemThrottled.Count;

    public int ItemsRefusedForGood => _refusedForGood;

    public int ItemsWritten => _written;

    /// <summary>Writes of an id already held in the same index (a re-sent or re-copied document overwriting itself).</summary>
    public int Rewrites => _rewrites;

    /// <summary>Ids written into a second, different index: the same message twice in the copy.</summary>
    public int Duplicates => _duplicates;

    public IReadOnlyDictionary<string, StoredDocument> Documents => _documents;

    public IReadOnlyDictionary<string, int> OtherPaths => _otherPaths;

    /// <summary>The documents this node refuses for good: a known fraction, by id (a mapping the document breaks).</summary>
    public static bool RefusedForGood(string id) => Bucket(id, 250) == 17;

    /// <summary>Items answered 429 the first time they arrive (a write queue full on one shard): 1 in 20.</summary>
    public static bool ThrottledOnce(string id) => Bucket(id, 20) == 7;

    public static async Task<FakeElasticsearch> StartAsync(string sharedData, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeElasticsearch(app, sharedData);
        app.Use(async (context, next) =>
        {
            // The client refuses a node without the product header.
            context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
            await next(context);
        });
        app.MapGet("/", () => Results.Text("""{"name":"fake","cluster_name":"monitor-bench","version":{"number":"9.1.0","build_flavor":"default"},"tagline":"You Know, for Search"}""", "application/json"));
        app.MapPut("/_index_template/{name}", () => Results.Text("""{"acknowledged":true}""", "application/json"));
        app.MapPost("/{index}/_refresh", () => Results.Text("""{"_shards":{"total":2,"successful":1,"failed":0}}""", "application/json"));
        app.MapPost("/_bulk", (Delegate)fake.BulkAsync);
        app.MapPut("/_bulk", (Delegate)fake.BulkAsync);
        app.MapFallback((HttpContext context) =>
        {
            fake._otherPaths.AddOrUpdate(context.Request.Method + " " + context.Request.Path, 1, (_, n) => n + 1);
            return Results.Text("""{"error":{"type":"illegal_argument_exception","reason":"not served by the bench's fake node"},"status":400}""", "application/json", statusCode: 400);
        });
        await app.StartAsync(cancellationToken);
        fake.Url = new Uri(app.Urls.First());
        return fake;
    }

    /// <summary>
    /// Whole-request refusals on a fixed schedule: the 3rd request starts two 429s, the 6th three 503s, then every 9th
    /// request starts a streak of two, alternating 429 and 503 — each shorter than the writer's retries. Outside a
    /// streak, every 11th request is applied and answered 200 without per-item results (status 200, no refusal).
    /// </summary>
    private (int Status, bool Refuse) WholeRequestFault()
    {
        lock (_plan)
        {
            var n = ++_bulkRequests;
            if (_streakLeft == 0)
            {
                (_streakStatus, _streakLeft) = n switch
                {
                    3 => (429, 2),
                    6 => (503, 3),
                    _ when n > 9 && n % 9 == 0 => (n % 18 == 0 ? 503 : 429, 2),
                    _ => (0, 0),
                };
            }

            if (_streakLeft == 0)
            {
                return (n % 11 == 0 ? 200 : 0, false);
            }

            _streakLeft--;
            return (_streakStatus, true);
        }
    }

    private async Task<IResult> BulkAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context.Request);
        var (status, refuse) = WholeRequestFault();
        if (refuse)
        {
            if (status == 429)
            {
                Whole429++;
                return Results.Text(_rejected429, "application/json", statusCode: 429);
            }

            Whole503++;
            return Results.Text(
                """{"error":{"root_cause":[{"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/2/no master];"}],"type":"cluster_block_exception","reason":"blocked by: [SERVICE_UNAVAILABLE/2/no master];"},"status":503}""",
                "application/json", statusCode: 503);
        }

        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject();
            var (name, metaNode) = action.First();
            var meta = metaNode!.AsObject();
            var id = meta["_id"]?.GetValue<string>() ?? string.Empty;
            var index = meta["_index"]?.GetValue<string>() ?? string.Empty;
            JsonObject? document = null;
            if (name != "delete")
            {
                document = JsonNode.Parse(lines[++i])!.AsObject();
            }

            JsonObject answer;
            if (name != "index" && name != "create")
            {
                answer = Refused(index, id, 400, new JsonObject { ["type"] = "illegal_argument_exception", ["reason"] = $"the bench's fake node takes index and create, not {name}" });
            }
            else if (RefusedForGood(id))
            {
                Interlocked.Increment(ref _refusedForGood);
                answer = Refused(index, id, 400, (JsonObject)_mapperError.DeepClone());
            }
            else if (ThrottledOnce(id) && _itemThrottled.TryAdd(id, 0))
            {
                answer = Refused(index, id, 429, new JsonObject { ["type"] = "es_rejected_execution_exception", ["reason"] = _itemRejected429Reason });
            }
            else if (name == "create" && _documents.ContainsKey(id))
            {
                answer = Refused(index, id, 409, new JsonObject { ["type"] = "version_conflict_engine_exception", ["reason"] = $"[{id}]: version conflict, document already exists" });
            }
            else
            {
                var stored = _documents.AddOrUpdate(
                    id,
                    _ => new StoredDocument(index, document!, 1),
                    (_, old) =>
                    {
                        if (old.Index != index)
                        {
                            Interlocked.Increment(ref _duplicates);
                        }
                        else
                        {
                            Interlocked.Increment(ref _rewrites);
                        }

                        return new StoredDocument(index, document!, old.Version + 1);
                    });
                var sequence = Interlocked.Increment(ref _written);
                answer = new JsonObject
                {
                    ["_index"] = index,
                    ["_id"] = id,
                    ["_version"] = stored.Version,
                    ["result"] = stored.Version == 1 ? "created" : "updated",
                    ["_shards"] = new JsonObject { ["total"] = 2, ["successful"] = 1, ["failed"] = 0 },
                    ["_seq_no"] = sequence,
                    ["_primary_term"] = 1,
                    ["status"] = stored.Version == 1 ? 201 : 200,
                };
            }

            errors |= answer["status"]!.GetValue<int>() >= 300;
            items.Add(new JsonObject { [name] = answer });
        }

        if (status == 200)
        {
            // Applied, but the answer lists only some failures, none of them this request's.
            WithoutItemResults++;
            return Results.Text(_errorsOnly, "application/json");
        }

        var response = new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items };
        return Results.Text(response.ToJsonString(), "application/json");

        static JsonObject Refused(string index, string id, int status, JsonObject error) =>
            new() { ["_index"] = index, ["_id"] = id, ["status"] = status, ["error"] = error };
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        Stream stream = request.Body;
        if (request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static int Bucket(string id, int buckets)
    {
        // FNV-1a: stable across processes and runs (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)buckets);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A document as the fake node holds it: where, what, and how often it was written.</summary>
internal sealed record StoredDocument(string Index, JsonObject Source, int Version);
