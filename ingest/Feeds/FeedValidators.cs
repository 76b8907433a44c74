namespace Monitor.Ingest.Feeds;

/// <summary>The HTTP cache validators of the last successful fetch; persist them and pass them to the next poll.</summary>
public sealed record FeedValidators(string? ETag, DateTimeOffset? LastModified)
{
    public static FeedValidators None { get; } = new(null, null);
}
