namespace Monitor.Index.Queries;

/// <summary>
/// One page of search results, best first, and the cursor of the next page (null on the last). The cursor is
/// opaque and belongs to the backend that made it; pass it back unchanged.
/// </summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, long Total, string? NextCursor);
