namespace Monitor.Ingest.WeChat.Api;

/// <summary>What Monitor does about a WeChat API errcode (WECHAT.md §9).</summary>
public enum WeChatErrorAction
{
    /// <summary>Anything not listed: fail the call and show the errcode.</summary>
    Fail,

    /// <summary>-1 system busy, 45011 per-minute limit: retried with exponential backoff.</summary>
    RetryWithBackoff,

    /// <summary>40001, 40014, 42001: the token is refreshed once (then forced once); still refused means a config error.</summary>
    RefreshToken,

    /// <summary>45009 daily quota reached: stop this source until the next day.</summary>
    StopUntilTomorrow,

    /// <summary>40164 IP not whitelisted, 40243 AppSecret frozen, 89503 risky IP awaiting confirmation.</summary>
    AlertAdmin,

    /// <summary>48001 API unauthorised for this account: turn the feature off and show why.</summary>
    DisableFeature,

    /// <summary>45015, 45047: the customer-service window or budget is used up; the reply cannot go through WeChat.</summary>
    NotDeliverable,

    /// <summary>88000–88008 comment errors: record the state on that article and go on with the others.</summary>
    PerArticle,
}
