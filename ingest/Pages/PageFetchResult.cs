namespace Monitor.Ingest.Pages;

/// <summary>The outcome of fetching a watched page: its HTTP status and, when it was read, the snapshot.</summary>
public sealed record PageFetchResult
{
    private PageFetchResult(int statusCode, PageSnapshot? snapshot)
    {
        StatusCode = statusCode;
        Snapshot = snapshot;
    }

    public int StatusCode { get; }

    public PageSnapshot? Snapshot { get; }

    /// <summary>404 or 410: the page is gone.</summary>
    public bool IsGone => StatusCode is 404 or 410;

    public static PageFetchResult Read(PageSnapshot snapshot, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new(statusCode, snapshot);
    }

    /// <summary>A fetch without a page to read: 404/410 (gone) or any other status (e.g. 500, 403: not conclusive).</summary>
    public static PageFetchResult Failed(int statusCode) => new(statusCode, null);
}
