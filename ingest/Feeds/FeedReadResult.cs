namespace Monitor.Ingest.Feeds;

/// <summary>
/// The items of one feed document as messages, and what could not be read: <see cref="Problems"/> names the
/// document-level failure (not XML, not RSS/Atom) or each skipped item, with its position.
/// </summary>
public sealed record FeedReadResult(string? FeedTitle, IReadOnlyList<Message> Items, IReadOnlyList<string> Problems)
{
    /// <summary>True when the document was read as a feed (items may still have been skipped).</summary>
    public bool IsFeed { get; init; } = true;

    public static FeedReadResult NotAFeed(string problem) => new(null, [], [problem]) { IsFeed = false };
}
