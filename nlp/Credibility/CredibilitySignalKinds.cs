namespace Monitor.Nlp.Credibility;

/// <summary>The kinds of <see cref="CredibilitySignal"/>.</summary>
public static class CredibilitySignalKinds
{
    /// <summary>The reader does not believe the account (不实, 假的, 骗人, 摆拍, 作秀).</summary>
    public const string Disbelief = "disbelief";

    /// <summary>Rumour or its denial is at stake (谣言, 辟谣, 造谣, 传言).</summary>
    public const string Rumour = "rumour";

    /// <summary>Accusations of censorship (删帖, 删评, 被删, 控评).</summary>
    public const string Censorship = "censorship";

    /// <summary>The complaint is repeated (说了多少次, 又是, 再次反映, 还是没).</summary>
    public const string Repetition = "repetition";

    /// <summary>A citizen complains again about an issue after the account declared it solved (已解决, 已整改, a resolved case).</summary>
    public const string RepeatedAfterSolved = "repeated-after-solved";

    /// <summary>Negative comments under the account's posts that the account never answered.</summary>
    public const string UnansweredNegative = "unanswered-negative-comments";

    /// <summary>The comments the account featured (精选) are clearly more positive than all comments under the post.</summary>
    public const string FeaturedGap = "featured-sentiment-gap";
}
