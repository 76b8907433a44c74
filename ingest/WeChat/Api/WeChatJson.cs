using System.Globalization;
using System.Text.Json;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>Lenient readers for WeChat API answers: a missing or mistyped field reads as null, never throws.</summary>
internal static class WeChatJson
{
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    public static long? Int64(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
    }

    public static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];

    public static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : default;

    public static DateTimeOffset UnixTime(JsonElement element, string name) =>
        Int64(element, name) is { } seconds && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.UnixEpoch;

    public static WeChatArticle Article(JsonElement item) => new()
    {
        ArticleId = String(item, "article_id") ?? string.Empty,
        UpdateTime = UnixTime(item, "update_time"),
        NewsItems = [.. Array(Object(item, "content"), "news_item").Select(news => new WeChatNewsItem
        {
            Title = String(news, "title") ?? string.Empty,
            Author = String(news, "author"),
            Digest = String(news, "digest"),
            Content = String(news, "content"),
            ContentSourceUrl = String(news, "content_source_url"),
            ThumbMediaId = String(news, "thumb_media_id"),
            Url = String(news, "url"),
            IsDeleted = news.ValueKind == JsonValueKind.Object && news.TryGetProperty("is_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
        })],
    };

    public static WeChatComment Comment(JsonElement comment, long msgDataId, int index)
    {
        var reply = Object(comment, "reply");
        var replyContent = String(reply, "content");
        return new WeChatComment
        {
            MsgDataId = msgDataId,
            Index = index,
            UserCommentId = Int64(comment, "user_comment_id") ?? 0,
            OpenId = String(comment, "openid") is { Length: > 0 } openId ? openId : null,
            CreateTime = UnixTime(comment, "create_time"),
            Content = String(comment, "content") ?? string.Empty,
            IsFeatured = Int64(comment, "comment_type") == 1,
            Reply = string.IsNullOrEmpty(replyContent)
                ? null
                : new WeChatCommentReply { Content = replyContent, CreateTime = UnixTime(reply, "create_time") },
        };
    }
}
