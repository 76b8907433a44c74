namespace Monitor.Nlp.Credibility;

/// <summary>
/// One message of a citizen's case or thread, in time order: the citizen's own messages, and what the account said
/// (<paramref name="FromAccount"/>: replies, posts answering it). <paramref name="ResolvedHere"/> marks the moment the
/// responders closed the case (the store's <c>resolved_at</c>) when the text itself does not say so.
/// </summary>
public sealed record ThreadEntry(string Id, DateTimeOffset Time, string Text, bool FromAccount, bool ResolvedHere = false);

/// <summary>
/// A reader comment under one of the account's posts, with the sentiment model's P(negative), whether the account
/// featured it (精选, WeChat comment_type 1) and whether the account replied to it.
/// </summary>
public sealed record PostComment(string Id, DateTimeOffset Time, string Text, double NegativeProbability, bool IsFeatured, bool IsAnswered);

/// <summary>Thresholds of the cross-message credibility checks; defaults chosen for a county account's comment volume.</summary>
public sealed record CredibilityThresholds
{
    /// <summary>A comment counts as negative from this P(negative).</summary>
    public double NegativeProbability { get; init; } = 0.7;

    /// <summary>How long the account has to answer a comment before it counts as left unanswered.</summary>
    public TimeSpan AnswerWindow { get; init; } = TimeSpan.FromHours(48);

    /// <summary>Unanswered negative comments under one post before the post is flagged.</summary>
    public int MinUnanswered { get; init; } = 1;

    /// <summary>Mean P(positive) of featured comments minus that of all comments from which the gap is flagged.</summary>
    public double FeaturedGap { get; init; } = 0.25;

    /// <summary>Fewest comments (all) and featured comments under a post before the gap means anything.</summary>
    public int MinComments { get; init; } = 5;

    public int MinFeatured { get; init; } = 2;

    /// <summary>Share of a later message's content words already in the earlier complaint for it to be the same issue.</summary>
    public double SameIssueOverlap { get; init; } = 0.3;

    public static CredibilityThresholds Default { get; } = new();
}
