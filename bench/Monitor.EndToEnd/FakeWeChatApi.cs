using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Monitor.EndToEnd;

/// <summary>
/// The WeChat official-account API over real HTTP, as far as Monitor's sources call it (WECHAT.md §5–§7):
/// <c>cgi-bin/stable_token</c> (same token while valid, a new one on <c>force_refresh</c>),
/// <c>cgi-bin/freepublish/batchget</c> (published articles, offset/count) and <c>cgi-bin/comment/list</c>
/// (comments under an article, begin/count &lt; 50, with the account's replies). Comments arrive over the run: the
/// harness releases them in steps, as readers write them. Faults on demand: the token rotated elsewhere or revoked
/// (40001), system busy (-1) for the next N calls, the daily quota of comment/list spent (45009) until the harness
/// says a new day has begun. It remembers every comment, reply and article it served in a successful answer.
/// </summary>
internal sealed class FakeWeChatApi : IAsyncDisposable
{
    public const string AppId = "wxbench00000000001";
    public const string AppSecret = "bench-app-secret-not-a-real-one";
    public const long FirstMsgDataId = 2_650_000_000;

    private readonly WebApplication _app;
    private readonly List<Comment> _comments;
    private readonly List<Article> _articles;
    private readonly ConcurrentDictionary<string, byte> _served = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, int> _errorsAnswered = new();
    private readonly Lock _gate = new();
    private string _token = "token-1";
    private int _tokens = 1;
    private bool _revoked;
    private int _busyLeft;
    private int _released;

    private FakeWeChatApi(WebApplication app, List<Comment> comments, List<Article> articles)
    {
        _app = app;
        _comments = comments;
        _articles = articles;
    }

    public Uri Url { get; private set; } = null!;

    public int ArticleCount => _articles.Count;

    public int CommentCount => _comments.Count;

    public IEnumerable<string> ArticleKeys => _articles.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.MsgDataId}:0"));

    /// <summary>SourceIds the store must hold: comments, replies (<c>…:reply</c>) and article items served.</summary>
    public IReadOnlyCollection<string> Served => (IReadOnlyCollection<string>)_served.Keys;

    /// <summary>What was released but never served in a successful answer.</summary>
    public int ReleasedNotServed
    {
        get
        {
            lock (_gate)
            {
                return _comments.Take(_released).Count(c => !_served.ContainsKey(c.SourceId));
            }
        }
    }

    public int Calls(string path) => _calls.GetValueOrDefault(path);

    public int ErrorsAnswered(int code) => _errorsAnswered.GetValueOrDefault(code);

    public int TokensIssued => _tokens;

    public int ForcedRefreshes { get; private set; }

    public bool QuotaSpent { get; set; }

    public static async Task<FakeWeChatApi> StartAsync(IReadOnlyList<string> texts, int comments, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var start = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeSeconds();
        var articles = Enumerable.Range(0, 12).Select(i => new Article(
            FirstMsgDataId + i,
            string.Create(CultureInfo.InvariantCulture, $"bench-article-{i:D3}"),
            start + (i * 3600),
            texts[i % texts.Count])).ToList();
        var list = new List<Comment>(comments);
        var perArticle = new int[articles.Count];
        for (var k = 0; k < comments; k++)
        {
            var article = k % articles.Count;
            var id = ++perArticle[article];
            list.Add(new Comment(
                articles[article].MsgDataId,
                id,
                string.Create(CultureInfo.InvariantCulture, $"oBench{k:D7}"),
                start + 86_400 + k,
                texts[(k + 17) % texts.Count],
                k % 10 == 3 ? 1 : 0,
                k % 7 == 2 ? "感谢您的留言，已转相关部门办理。" + id.ToString(CultureInfo.InvariantCulture) : null));
        }

        var fake = new FakeWeChatApi(app, list, articles);
        app.MapPost("/cgi-bin/stable_token", (Delegate)fake.TokenAsync);
        app.MapPost("/cgi-bin/freepublish/batchget", (Delegate)fake.ArticlesAsync);
        app.MapPost("/cgi-bin/comment/list", (Delegate)fake.CommentsAsync);
        app.MapFallback((HttpContext context) => Results.Json(new { errcode = 48001, errmsg = "api unauthorized: not served by the bench's fake" }));
        await app.StartAsync(cancellationToken);
        fake.Url = new Uri(app.Urls.First() + "/");
        return fake;
    }

    /// <summary>Makes the first <paramref name="count"/> comments visible (new ones are appended to their article's list).</summary>
    public void Release(int count)
    {
        lock (_gate)
        {
            _released = Math.Min(count, _comments.Count);
        }
    }

    /// <summary>Another server forced a refresh: the cached token is refused, a plain stable_token gives the new one.</summary>
    public void RotateTokenElsewhere()
    {
        lock (_gate)
        {
            _token = "token-" + (++_tokens).ToString(CultureInfo.InvariantCulture);
            _revoked = false;
        }
    }

    /// <summary>The token is refused, and a plain stable_token still answers it: only a forced refresh helps.</summary>
    public void RevokeToken()
    {
        lock (_gate)
        {
            _revoked = true;
        }
    }

    /// <summary>The next <paramref name="calls"/> comment/list calls answer -1 (system busy).</summary>
    public void BusyFor(int calls)
    {
        lock (_gate)
        {
            _busyLeft = calls;
        }
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        Count("stable_token");
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (body?["appid"]?.GetValue<string>() != AppId || body?["secret"]?.GetValue<string>() != AppSecret)
        {
            return Error(40125, "invalid appsecret");
        }

        lock (_gate)
        {
            if (body["force_refresh"]?.GetValue<bool>() == true)
            {
                ForcedRefreshes++;
                _token = "token-" + (++_tokens).ToString(CultureInfo.InvariantCulture);
                _revoked = false;
            }

            return Results.Json(new { access_token = _token, expires_in = 7200 });
        }
    }

    private async Task<IResult> ArticlesAsync(HttpContext context)
    {
        Count("freepublish/batchget");
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (TokenProblem(context) is { } refused)
        {
            return refused;
        }

        var offset = body?["offset"]?.GetValue<int>() ?? 0;
        var count = body?["count"]?.GetValue<int>() ?? 0;
        if (count is < 1 or > 20)
        {
            return Error(40097, "invalid args");
        }

        var page = _articles.Skip(offset).Take(count).ToList();
        foreach (var article in page)
        {
            _served.TryAdd(article.ArticleId + ":0", 0);
        }

        return Results.Json(new
        {
            total_count = _articles.Count,
            item_count = page.Count,
            item = page.Select(a => new
            {
                article_id = a.ArticleId,
                update_time = a.UpdateTime,
                content = new
                {
                    news_item = new[]
                    {
                        new { title = "政务公开 " + a.ArticleId, author = "县政府办", digest = a.Text.Length > 40 ? a.Text[..40] : a.Text, content = "<p>" + System.Net.WebUtility.HtmlEncode(a.Text) + "</p>", content_source_url = string.Empty, thumb_media_id = "thumb", url = "https://mp.weixin.qq.com/s/" + a.ArticleId, is_deleted = false },
                    },
                },
            }),
        });
    }

    private async Task<IResult> CommentsAsync(HttpContext context)
    {
        Count("comment/list");
        var body = await JsonNode.ParseAsync(context.Request.Body);
        if (TokenProblem(context) is { } refused)
        {
            return refused;
        }

        lock (_gate)
        {
            if (QuotaSpent)
            {
                return Error(45009, "reach max api daily quota limit");
            }

            if (_busyLeft > 0)
            {
                _busyLeft--;
                return Error(-1, "system error");
            }
        }

        var msgDataId = body?["msg_data_id"]?.GetValue<long>() ?? 0;
        var begin = body?["begin"]?.GetValue<int>() ?? 0;
        var count = body?["count"]?.GetValue<int>() ?? 0;
        if (count is < 1 or >= 50 || begin < 0)
        {
            return Error(40097, "invalid args");
        }

        if (_articles.All(a => a.MsgDataId != msgDataId))
        {
            return Error(88000, "without comment privilege");
        }

        List<Comment> visible;
        lock (_gate)
        {
            visible = _comments.Take(_released).Where(c => c.MsgDataId == msgDataId).ToList();
        }

        var page = visible.Skip(begin).Take(count).ToList();
        foreach (var comment in page)
        {
            _served.TryAdd(comment.SourceId, 0);
            if (comment.Reply is not null)
            {
                _served.TryAdd(comment.SourceId + ":reply", 0);
            }
        }

        return Results.Json(new
        {
            errcode = 0,
            errmsg = "ok",
            total = visible.Count,
            comment = page.Select(c => new
            {
                user_comment_id = c.UserCommentId,
                openid = c.OpenId,
                create_time = c.CreateTime,
                content = c.Content,
                comment_type = c.CommentType,
                reply = c.Reply is null ? null : new { content = c.Reply, create_time = c.CreateTime + 600 },
            }),
        });
    }

    private IResult? TokenProblem(HttpContext context)
    {
        var token = context.Request.Query["access_token"].ToString();
        lock (_gate)
        {
            return token == _token && !_revoked ? null : Error(40001, "invalid credential, access_token is invalid or not latest");
        }
    }

    private IResult Error(int code, string message)
    {
        _errorsAnswered.AddOrUpdate(code, 1, (_, n) => n + 1);
        return Results.Json(new { errcode = code, errmsg = message + " rid: bench" }, (JsonSerializerOptions?)null);
    }

    private void Count(string path) => _calls.AddOrUpdate(path, 1, (_, n) => n + 1);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record Article(long MsgDataId, string ArticleId, long UpdateTime, string Text);

    private sealed record Comment(long MsgDataId, long UserCommentId, string OpenId, long CreateTime, string Content, int CommentType, string? Reply)
    {
        public string SourceId => string.Create(CultureInfo.InvariantCulture, $"{MsgDataId}:0:{UserCommentId}");
    }
}
