using Monitor.Index.Retention;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// Makes the Elasticsearch copy follow a retention purge or an erasure of the system of record: per-id deletes
/// through the bulk writer (404 = already gone: done) and, for an erasure, the messages written again under the new
/// pseudonym.
/// </summary>
public static class ElasticsearchRetention
{
    public static Task<BulkWriteReport> RemoveAsync(this ElasticsearchIndex index, PurgeBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(batch);
        return batch.Removed.Count == 0 ? Task.FromResult(BulkWriteReport.Empty) : index.WriteAsync(batch.Removed, BulkAction.Delete, cancellationToken);
    }

    public static async Task<BulkWriteReport> FollowAsync(this ElasticsearchIndex index, PersonErasure erasure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(erasure);
        if (erasure.Before.Count == 0)
        {
            return BulkWriteReport.Empty;
        }

        // Deleted first: an event's document id carried the old pseudonym and would otherwise stay behind.
        var deleted = await index.WriteAsync(erasure.Before, BulkAction.Delete, cancellationToken);
        var written = await index.WriteAsync(erasure.After, BulkAction.Index, cancellationToken);
        return deleted.Add(written);
    }
}
