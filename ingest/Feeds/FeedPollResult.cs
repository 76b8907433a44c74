namespace Monitor.Ingest.Feeds;

/// <summary>One conditional GET of a feed.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="StatusCode">The HTTP status, or 0 when no response arrived.</param>
/// <param name="Items">The feed's items (all of them: deduplicate by SourceId downstream); empty unless updated.</param>
/// <param name="Validators">What to send next time: the new ones when the server gave any, else the previous ones.</param>
/// <param name="Problems">Why it failed, or which items were skipped.</param>
public sealed record FeedPollResult(
    FeedPollStatus Status,
    int StatusCode,
    IReadOnlyList<Message> Items,
    FeedValidators Validators,
    IReadOnlyList<string> Problems);
