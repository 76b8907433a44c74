namespace Monitor.Index.Elasticsearch;

/// <summary>
/// <c>Index</c> writes or overwrites (a reindex, an updated case); <c>Create</c> writes only if absent (409 = it is
/// there: done); <c>Delete</c> removes (404 = already gone: done).
/// </summary>
public enum BulkAction
{
    Index,
    Create,
    Delete,
}
