using System.Globalization;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>One published item of the account (<c>item</c> of freepublish/batchget): one or more articles.</summary>
public sealed record WeChatArticle
{
    public required string ArticleId { get; init; }

    public required DateTimeOffset UpdateTime { get; init; }

    public required IReadOnlyList<WeChatNewsItem> NewsItems { get; init; }

    /// <summary>
    /// One <see cref="Message"/> per article that is not deleted: SourceKind <c>wechat-article</c>, SourceId
    /// <c>&lt;article_id&gt;:&lt;index&gt;</c>, Kind <c>article</c>; Text is the content without HTML tags, or the digest
    /// when the content was not requested.
    /// </summary>
    public IEnumerable<Message> ToMessages(string account)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        for (var index = 0; index < NewsItems.Count; index++)
        {
            var item = NewsItems[index];
            if (item.IsDeleted)
            {
                continue;
            }

            var text = ArticleText.FromHtml(item.Content);
            yield return new Message
            {
                SourceKind = "wechat-article",
                SourceId = string.Create(CultureInfo.InvariantCulture, $"{ArticleId}:{index}"),
                Account = account,
                Time = UpdateTime,
                Kind = "article",
                Title = item.Title,
                Text = text.Length > 0 ? text : item.Digest ?? string.Empty,
                Url = item.Url,
            };
        }
    }
}
