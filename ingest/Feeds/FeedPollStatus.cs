namespace Monitor.Ingest.Feeds;

public enum FeedPollStatus
{
    /// <summary>200: the feed was read; its items are in the result.</summary>
    Updated,

    /// <summary>304: nothing changed since the validators were issued; no items.</summary>
    NotModified,

    /// <summary>Any other status, a network error or a document that is not a feed; see the problems.</summary>
    Failed,
}
