namespace Monitor.Ingest.WeChat.Api;

/// <summary>
/// What the API client knows about its token and its quota use, for the ingest health view. Calls are counted per
/// endpoint and China day (every HTTP attempt counts against WeChat's daily quota, retries included).
/// </summary>
public sealed record WeChatApiStatus
{
    /// <summary>When the cached token stops being used (expires_in minus the refresh margin); null before the first fetch.</summary>
    public DateTimeOffset? TokenValidUntil { get; init; }

    public DateTimeOffset? TokenLastRefreshAt { get; init; }

    /// <summary>force_refresh fetches today (WeChat allows 20 a day).</summary>
    public int TokenForcedRefreshesToday { get; init; }

    public DateTimeOffset? TokenLastErrorAt { get; init; }

    /// <summary>Why the last token fetch failed (errcode and message; never the secret).</summary>
    public string? TokenLastError { get; init; }

    /// <summary>The China day (yyyy-MM-dd) the counts are for.</summary>
    public required string Day { get; init; }

    /// <summary>HTTP attempts today per endpoint (e.g. <c>cgi-bin/comment/list</c>).</summary>
    public required IReadOnlyDictionary<string, int> CallsToday { get; init; }

    /// <summary>The documented daily limits of the endpoints that have one (WECHAT.md §5).</summary>
    public required IReadOnlyDictionary<string, int> DailyLimits { get; init; }

    /// <summary>When WeChat last answered 45009 (daily quota reached), and for which endpoint.</summary>
    public DateTimeOffset? QuotaReachedAt { get; init; }

    public string? QuotaReachedEndpoint { get; init; }
}
