namespace Monitor.Ingest.WeChat;

/// <summary>The WeChat callback settings, bound from the configuration section <c>WeChat</c>.</summary>
public sealed class WeChatOptions
{
    public const string SectionName = "WeChat";

    /// <summary>64 KiB: far above any real push body, small enough to refuse abuse early.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>Five minutes: a push is answered within seconds, and WeChat's retries come within 15 s.</summary>
    public const int DefaultReplayWindowSeconds = 300;

    /// <summary>The Token configured on the platform: 3–32 characters from A–Z, a–z, 0–9; empty until configured (the callback then answers 503).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>Empty for plain mode, otherwise 43 characters from A–Z, a–z, 0–9.</summary>
    public string EncodingAESKey { get; set; } = string.Empty;

    /// <summary>
    /// The EncodingAESKey in use before the last rotation, empty when there is none. Pushes that the current key cannot
    /// decrypt are tried with it, and their reply is encrypted with it (WECHAT.md §4, key rotation).
    /// </summary>
    public string PreviousEncodingAESKey { get; set; } = string.Empty;

    /// <summary>The AppID (wx…); required in safe or compatible mode, where it ends every decrypted message.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The account's original id (gh_…), optional.</summary>
    public string? AccountId { get; set; }

    public int MaxBodyBytes { get; set; } = DefaultMaxBodyBytes;

    /// <summary>How far (either way) a push's <c>timestamp</c> may be from now before it is refused as a replay.</summary>
    public int ReplayWindowSeconds { get; set; } = DefaultReplayWindowSeconds;

    /// <summary>Answer each citizen message with a passive text reply carrying its case number (PRODUCT.md idea 7).</summary>
    public bool AutoReply { get; set; } = true;

    /// <summary>The passive reply; <c>{0}</c> is the case number.</summary>
    public string AcknowledgementTemplate { get; set; } = "您的留言已收到，受理编号 {0}。我们会尽快办理并回复，可凭编号查询进度。";
}
