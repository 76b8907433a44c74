namespace Monitor.Index.Queries;

/// <summary>
/// Which messages a question is about; every property left null means "any". Time is [<see cref="From"/>,
/// <see cref="To"/>). Labels match the analysis exactly.
/// </summary>
public sealed record MessageFilter
{
    public static readonly MessageFilter All = new();

    /// <summary>The account (a WeChat gh_ id, a site name).</summary>
    public string? Account { get; init; }

    /// <summary><c>wechat</c>, <c>wechat-comment</c>, <c>wechat-article</c>, <c>import</c>, <c>rss</c>, <c>page</c>.</summary>
    public string? SourceKind { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Topic { get; init; }

    /// <summary><c>positive</c> or <c>negative</c>.</summary>
    public string? Sentiment { get; init; }

    public string? Emotion { get; init; }

    public string? ServiceFunction { get; init; }

    /// <summary>
    /// Words the message must contain, segmented the way the pipeline segments (space-separated, all must match):
    /// <c>河道 污染</c>. A word matches whole tokens only.
    /// </summary>
    public string? Keyword { get; init; }

    /// <summary>True when only account, source and time are set, so precomputed daily aggregates can answer.</summary>
    internal bool OnlyScope => Topic is null && Sentiment is null && Emotion is null && ServiceFunction is null && string.IsNullOrWhiteSpace(Keyword);

    internal IReadOnlyList<string> KeywordTokens =>
        string.IsNullOrWhiteSpace(Keyword) ? [] : Keyword.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
