using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// Copied from tests/Ingest.Tests/WeChat/Api (internal there, so it cannot be referenced).
/// A local stand-in for api.weixin.qq.com on 127.0.0.1 and a random port, following the documented request and
/// answer shapes (WECHAT.md §5–§8): stable_token, freepublish/batchget, comment/list, message/custom/send.
/// Tests script errcodes or HTTP statuses per path and read what was asked.
/// </summary>
internal sealed class FakeWeChatApi : IAsyncDisposable
{
    public const string AppId = "wxfake00000000001";
    public const string AppSecret = "fake-app-secret-0001";
    public const int InvalidArgs = 40097;

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Code, bool IsHttpStatus)>> scripts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> calls = new(StringComparer.Ordinal);
    private readonly List<JsonObject> articles = [];
    private readonly Dictionary<(long MsgDataId, int Index), List<JsonObject>> comments = [];
    private string currentToken = string.Empty;
    private bool currentExpired = true;
    private int tokenSerial;

    private FakeWeChatApi(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int TokenCalls { get; private set; }

    public int ForcedTokenCalls { get; private set; }

    /// <summary>The <c>count</c> of every comment/list request, in order.</summary>
    public ConcurrentQueue<long> CommentCountsAsked { get; } = new();

    public ConcurrentQueue<JsonObject> SentMessages { get; } = new();

    public static async Task<FakeWeChatApi> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var fake = new FakeWeChatApi(app);
        Map(app, "cgi-bin/stable_token", fake.StableTokenAsync);
        Map(app, "cgi-bin/freepublish/batchget", context => fake.AuthorizedAsync(context, "cgi-bin/freepublish/batchget", fake.BatchGet));
        Map(app, "cgi-bin/comment/list", context => fake.AuthorizedAsync(context, "cgi-bin/comment/list", fake.CommentList));
        Map(app, "cgi-bin/message/custom/send", context => fake.AuthorizedAsync(context, "cgi-bin/message/custom/send", fake.CustomSend));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.BaseAddress = new Uri(address + "/");
        return fake;
    }

    /// <summary>The next calls to <paramref name="path"/> answer these errcodes, one per call, before behaving normally.</summary>
    public void FailNext(string path, params int[] errorCodes)
    {
        var queue = scripts.GetOrAdd(path, _ => new());
        foreach (var code in errorCodes)
        {
            queue.Enqueue((code, false));
        }
    }

    /// <summary>The next call to <paramref name="path"/> answers this HTTP status with no body.</summary>
    public void FailNextWithHttpStatus(string path, int status) =>
        scripts.GetOrAdd(path, _ => new()).Enqueue((status, true));

    public int Calls(string path) => calls.GetValueOrDefault(path);

    /// <summary>The current token now answers 42001, as after its expires_in; a plain stable_token call then issues a new one.</summary>
    public void ExpireCurrentToken()
    {
        lock (gate)
        {
            currentExpired = true;
        }
    }

    public void AddArticles(int count)
    {
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                var n = articles.Count;
                articles.Add(new JsonObject
                {
                    ["article_id"] = string.Create(CultureInfo.InvariantCulture, $"ART{n:D5}"),
                    ["update_time"] = 1714000000 + n,
                    ["content"] = new JsonObject
                    {
                        ["news_item"] = new JsonArray(
                            NewsItem($"通知 {n}", $"<p>第 {n} 篇&nbsp;正文</p><script>x()</script>"),
                            NewsItem($"附文 {n}", "<section>附文</section>")),
                    },
                });
            }
        }
    }

    public void AddComments(long msgDataId, int index, int count)
    {
        lock (gate)
        {
            if (!comments.TryGetValue((msgDataId, index), out var list))
            {
                comments[(msgDataId, index)] = list = [];
            }

            for (var i = 0; i < count; i++)
            {
                var n = list.Count;
                var comment = new JsonObject
                {
                    ["user_comment_id"] = n + 1,
                    ["create_time"] = 1714100000 + n,
                    ["content"] = $"留言 {n}",
                    ["comment_type"] = n % 5 == 0 ? 1 : 0,
                };
                if (n % 7 != 0)
                {
                    comment["openid"] = $"oFakeReader{n:D6}";
                }

                if (n % 3 == 0)
                {
                    comment["reply"] = new JsonObject { ["content"] = $"答复 {n}", ["create_time"] = 1714200000 + n };
                }

                list.Add(comment);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void Map(WebApplication app, string path, Func<HttpContext, Task<IResult>> handler) =>
        app.MapPost("/" + path, async context => await (await handler(context)).ExecuteAsync(context));

    private static JsonObject NewsItem(string title, string content) => new()
    {
        ["title"] = title,
        ["author"] = "县融媒体中心",
        ["digest"] = "摘要 " + title,
        ["content"] = content,
        ["content_source_url"] = string.Empty,
        ["thumb_media_id"] = "THUMB",
        ["url"] = "https://mp.weixin.qq.com/s?__biz=fake&mid=" + title.GetHashCode(StringComparison.Ordinal),
        ["is_deleted"] = false,
    };

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; encoding=utf-8");

    private static IResult Error(int code, string message) => Json(new JsonObject { ["errcode"] = code, ["errmsg"] = message });

    private static async Task<JsonElement?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static long? Number(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;

    private IResult? Scripted(string path)
    {
        calls.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (scripts.TryGetValue(path, out var queue) && queue.TryDequeue(out var next))
        {
            return next.IsHttpStatus ? Results.StatusCode(next.Code) : Error(next.Code, ErrorMessage(next.Code));
        }

        return null;
    }

    private static string ErrorMessage(int code) => code switch
    {
        -1 => "system error",
        40001 => "invalid credential, access_token is invalid or not latest",
        40014 => "invalid access_token",
        42001 => "access_token expired",
        45009 => "reach max api daily quota limit",
        45011 => "api minute-quota reach limit, must slower, retry next minute",
        40164 => "invalid ip 10.0.0.1, not in whitelist",
        45015 => "response out of time limit or subscription is canceled",
        _ => "error",
    };

    private async Task<IResult> StableTokenAsync(HttpContext context)
    {
        var body = await ReadJsonAsync(context);
        if (Scripted("cgi-bin/stable_token") is { } scripted)
        {
            return scripted;
        }

        if (body is not { } json || json.ValueKind != JsonValueKind.Object)
        {
            return Error(47001, "data format error");
        }

        if (!json.TryGetProperty("grant_type", out var grant) || grant.GetString() != "client_credential")
        {
            return Error(40002, "invalid grant_type");
        }

        if (!json.TryGetProperty("appid", out var appId) || appId.GetString() != AppId)
        {
            return Error(40013, "invalid appid");
        }

        if (!json.TryGetProperty("secret", out var secret) || secret.GetString() != AppSecret)
        {
            return Error(40125, "invalid appsecret");
        }

        var force = json.TryGetProperty("force_refresh", out var f) && f.ValueKind == JsonValueKind.True;
        lock (gate)
        {
            TokenCalls++;
            if (force)
            {
                ForcedTokenCalls++;
            }

            if (force || currentExpired)
            {
                tokenSerial++;
                currentToken = string.Create(CultureInfo.InvariantCulture, $"TOKEN_{tokenSerial:D4}_") + new string('x', 500);
                currentExpired = false;
            }

            return Json(new JsonObject { ["access_token"] = currentToken, ["expires_in"] = 7200 });
        }
    }

    private async Task<IResult> AuthorizedAsync(HttpContext context, string path, Func<JsonElement, IResult> handle)
    {
        var body = await ReadJsonAsync(context);
        var token = context.Request.Query["access_token"].ToString();
        lock (gate)
        {
            if (token.Length == 0)
            {
                calls.AddOrUpdate(path, 1, (_, n) => n + 1);
                return Error(41001, "access_token missing");
            }

            if (token != currentToken)
            {
                calls.AddOrUpdate(path, 1, (_, n) => n + 1);
                return Error(40001, ErrorMessage(40001));
            }

            if (currentExpired)
            {
                calls.AddOrUpdate(path, 1, (_, n) => n + 1);
                return Error(42001, ErrorMessage(42001));
            }
        }

        if (Scripted(path) is { } scripted)
        {
            return scripted;
        }

        return body is { ValueKind: JsonValueKind.Object } json ? handle(json) : Error(47001, "data format error");
    }

    private IResult BatchGet(JsonElement body)
    {
        var offset = Number(body, "offset") ?? -1;
        var count = Number(body, "count") ?? -1;
        if (offset < 0 || count is < 1 or > 20)
        {
            return Error(InvalidArgs, "invalid args");
        }

        var noContent = Number(body, "no_content") == 1;
        lock (gate)
        {
            var page = new JsonArray();
            foreach (var article in articles.Skip((int)offset).Take((int)count))
            {
                var copy = (JsonObject)article.DeepClone();
                if (noContent)
                {
                    foreach (var item in copy["content"]!["news_item"]!.AsArray())
                    {
                        item!.AsObject().Remove("content");
                    }
                }

                page.Add(copy);
            }

            return Json(new JsonObject { ["total_count"] = articles.Count, ["item_count"] = page.Count, ["item"] = page });
        }
    }

    private IResult CommentList(JsonElement body)
    {
        var msgDataId = Number(body, "msg_data_id");
        var index = Number(body, "index") ?? 0;
        var begin = Number(body, "begin") ?? -1;
        var count = Number(body, "count") ?? -1;
        var type = Number(body, "type") ?? -1;
        CommentCountsAsked.Enqueue(count);
        if (msgDataId is null || begin < 0 || count is < 1 or >= 50 || type is < 0 or > 2)
        {
            return Error(InvalidArgs, "invalid args");
        }

        lock (gate)
        {
            if (!comments.TryGetValue((msgDataId.Value, (int)index), out var list))
            {
                return Error(88001, "msg_data is not exists");
            }

            var selected = list.Where(c => type == 0 || (type == 2) == (c["comment_type"]!.GetValue<int>() == 1)).ToList();
            var page = new JsonArray([.. selected.Skip((int)begin).Take((int)count).Select(c => c.DeepClone())]);
            return Json(new JsonObject { ["errcode"] = 0, ["errmsg"] = "ok", ["total"] = selected.Count, ["comment"] = page });
        }
    }

    private IResult CustomSend(JsonElement body)
    {
        var message = JsonNode.Parse(body.GetRawText())!.AsObject();
        if (message["touser"]?.GetValue<string>() is not { Length: > 0 } || message["msgtype"]?.GetValue<string>() != "text")
        {
            return Error(InvalidArgs, "invalid args");
        }

        SentMessages.Enqueue(message);
        return Error(0, "ok");
    }
}
