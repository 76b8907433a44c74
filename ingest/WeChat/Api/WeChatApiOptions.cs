namespace Monitor.Ingest.WeChat.Api;

/// <summary>The WeChat API client settings, bound from the configuration section <c>WeChat:Api</c>.</summary>
public sealed class WeChatApiOptions
{
    public const string SectionName = "WeChat:Api";

    /// <summary>freepublish/batchget accepts 1–20 per page.</summary>
    public const int MaxArticlePageSize = 20;

    /// <summary>comment/list rejects a count of 50 or more.</summary>
    public const int MaxCommentPageSize = 49;

    public Uri BaseAddress { get; set; } = new("https://api.weixin.qq.com/");

    /// <summary>The AppID (wx…); empty until configured (the polling jobs then stay off).</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The AppSecret; a secret, never logged or echoed.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>A cached token is renewed this long before its expires_in runs out.</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most one HTTP attempt may take.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, for -1, 45011, HTTP 5xx/429, network errors and timeouts.</summary>
    public int MaxRetryAttempts { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(1);

    public int ArticlePageSize { get; set; } = MaxArticlePageSize;

    public int CommentPageSize { get; set; } = MaxCommentPageSize;

    /// <summary>True when AppId and AppSecret are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppSecret);
}
