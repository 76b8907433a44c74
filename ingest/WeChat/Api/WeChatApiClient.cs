using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>The HTTP implementation of <see cref="IWeChatApiClient"/>.</summary>
internal sealed class WeChatApiClient(
    WeChatApiTransport transport,
    WeChatAccessTokenProvider tokens,
    IOptions<WeChatApiOptions> options,
    ILogger<WeChatApiClient> logger) : IWeChatApiClient
{
    public const string BatchGetPath = "cgi-bin/freepublish/batchget";
    public const string CommentListPath = "cgi-bin/comment/list";
    public const string CustomSendPath = "cgi-bin/message/custom/send";

    /// <summary>Token refusals tolerated per call: one plain refresh, then one forced refresh.</summary>
    private const int MaxTokenRefreshes = 2;

    public async IAsyncEnumerable<WeChatArticle> GetPublishedArticlesAsync(bool includeContent, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = Math.Clamp(options.Value.ArticlePageSize, 1, WeChatApiOptions.MaxArticlePageSize);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var offset = 0;
        while (true)
        {
            var page = await CallAsync(BatchGetPath, new JsonObject
            {
                ["offset"] = offset,
                ["count"] = pageSize,
                ["no_content"] = includeContent ? 0 : 1,
            }, cancellationToken);

            var received = 0;
            foreach (var item in WeChatJson.Array(page, "item"))
            {
                received++;
                var article = WeChatJson.Article(item);
                if (seen.Add(article.ArticleId))
                {
                    yield return article;
                }
            }

            offset += received;
            if (received == 0 || offset >= (WeChatJson.Int64(page, "total_count") ?? 0))
            {
                yield break;
            }
        }
    }

    public async IAsyncEnumerable<WeChatComment> GetCommentsAsync(long msgDataId, int index, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var pageSize = Math.Clamp(options.Value.CommentPageSize, 1, WeChatApiOptions.MaxCommentPageSize);
        var seen = new HashSet<long>();
        var begin = 0;
        while (true)
        {
            var page = await CallAsync(CommentListPath, new JsonObject
            {
                ["msg_data_id"] = msgDataId,
                ["index"] = index,
                ["begin"] = begin,
                ["count"] = pageSize,
                ["type"] = 0,
            }, cancellationToken);

            var received = 0;
            foreach (var item in WeChatJson.Array(page, "comment"))
            {
                received++;
                var comment = WeChatJson.Comment(item, msgDataId, index);
                if (seen.Add(comment.UserCommentId))
                {
                    yield return comment;
                }
            }

            begin += received;
            if (received == 0 || begin >= (WeChatJson.Int64(page, "total") ?? 0))
            {
                yield break;
            }
        }
    }

    public async Task SendCustomTextAsync(string openId, string text, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(openId);
        ArgumentNullException.ThrowIfNull(text);
        await CallAsync(CustomSendPath, new JsonObject
        {
            ["touser"] = openId,
            ["msgtype"] = "text",
            ["text"] = new JsonObject { ["content"] = text },
        }, cancellationToken);
    }

    private async Task<JsonElement> CallAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        for (var refreshes = 0; ; refreshes++)
        {
            try
            {
                return await transport.PostAsync(path, token, body, cancellationToken);
            }
            catch (WeChatApiException ex) when (ex.Action == WeChatErrorAction.RefreshToken && refreshes < MaxTokenRefreshes)
            {
                var force = refreshes > 0;
                WeChatApiLog.TokenRejected(logger, path, ex.ErrorCode, force);
                token = await tokens.RefreshAsync(token, force, cancellationToken);
            }
        }
    }
}
