namespace Monitor.Ingest.WeChat.Api;

/// <summary>One article of a published item (<c>news_item</c> of freepublish/batchget).</summary>
public sealed record WeChatNewsItem
{
    public required string Title { get; init; }

    /// <summary>The byline the editor typed; kept here, not copied into <see cref="Message.Author"/>.</summary>
    public string? Author { get; init; }

    public string? Digest { get; init; }

    /// <summary>The HTML body; null when requested with no_content.</summary>
    public string? Content { get; init; }

    /// <summary>"Read the original" link.</summary>
    public string? ContentSourceUrl { get; init; }

    public string? ThumbMediaId { get; init; }

    /// <summary>The permanent article URL (mp.weixin.qq.com/s?…).</summary>
    public string? Url { get; init; }

    public bool IsDeleted { get; init; }
}
