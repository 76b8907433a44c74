namespace Monitor.Ingest.Pages;

/// <summary>What one fetch of an article page said, in the parts that are compared between fetches.</summary>
public sealed record PageSnapshot
{
    public required Uri Url { get; init; }

    public required PageLayout Layout { get; init; }

    /// <summary>The encoding the page was decoded with (e.g. <c>utf-8</c>, <c>gb18030</c>).</summary>
    public required string Charset { get; init; }

    public required string Title { get; init; }

    /// <summary>The account name (WeChat) or the author/source named by the page; null when none is given.</summary>
    public string? Author { get; init; }

    /// <summary>When the page says it was published (UTC); null when it does not say.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The article text, one paragraph per line, whitespace collapsed.</summary>
    public required string Body { get; init; }

    public int ImageCount { get; init; }

    /// <summary>Lowercase hex SHA-256 over title, body and image count: equal hashes mean nothing visible changed.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// The notice a platform shows in place of a removed article (WeChat: 该内容已被发布者删除), or null.
    /// A page carrying one is treated as deleted by <see cref="PageChangeDetector"/>.
    /// </summary>
    public string? RemovalNotice { get; init; }

    /// <summary>
    /// The page as a message: SourceKind <c>page</c>, SourceId = the URL, time = the published time or else
    /// <paramref name="fetchedAt"/>, Text = the body (the title when the body is empty).
    /// </summary>
    public Message ToMessage(string account, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new Message
        {
            SourceKind = "page",
            SourceId = Url.AbsoluteUri,
            Account = account,
            Time = (PublishedAt ?? fetchedAt).ToUniversalTime(),
            Kind = "article",
            Title = Title.Length == 0 ? null : Title,
            Text = Body.Length == 0 ? Title : Body,
            Url = Url.AbsoluteUri,
        };
    }
}
