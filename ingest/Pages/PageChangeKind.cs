namespace Monitor.Ingest.Pages;

public enum PageChangeKind
{
    /// <summary>First time the page was read.</summary>
    New,

    /// <summary>Same title, body and images as last time.</summary>
    Unchanged,

    /// <summary>The title, body or images differ from last time.</summary>
    Edited,

    /// <summary>404/410, or the platform's removal notice in place of the article.</summary>
    Deleted,

    /// <summary>The fetch failed in a way that says nothing about the page (5xx, 403, timeouts); try again later.</summary>
    Unavailable,
}
