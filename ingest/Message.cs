namespace Monitor.Ingest;

/// <summary>
/// One thing a citizen or the account said, from any source, in the one shape every later stage reads.
/// </summary>
public sealed record Message
{
    /// <summary>Where it came from: <c>wechat</c>, <c>wechat-comment</c>, <c>import</c>, <c>rss</c>, <c>page</c>.</summary>
    public required string SourceKind { get; init; }

    /// <summary>The id the source gave it (WeChat MsgId, event key, file row key); unique within the source kind.</summary>
    public required string SourceId { get; init; }

    /// <summary>The account it was sent to or published by (a WeChat gh_ id, a site name).</summary>
    public required string Account { get; init; }

    /// <summary>Keyed-hash pseudonym of the author; never the raw OpenID.</summary>
    public string? Author { get; init; }

    public required DateTimeOffset Time { get; init; }

    /// <summary>The WeChat MsgType or the import's kind (text, voice, image, location, link, event, comment...).</summary>
    public string Kind { get; init; } = "text";

    public string? Title { get; init; }

    /// <summary>The text to analyse (voice: the recognition text; link: title and description).</summary>
    public required string Text { get; init; }

    public string? Url { get; init; }

    /// <summary>The source id of the post or message this one answers or comments on.</summary>
    public string? ParentId { get; init; }
}
