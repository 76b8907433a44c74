namespace Monitor.Index.Elasticsearch;

/// <summary>
/// How far a reindex is: messages copied of those to copy this run, and the last id checkpointed; then the messages
/// copied again because they changed after their copy (<see cref="Recopied"/>, from <see cref="ChangesWaiting"/>
/// logged changes; a message changed twice is copied once per batch).
/// </summary>
public sealed record ReindexProgress(long Copied, long Total, long LastId, BulkWriteReport Report)
{
    public long Recopied { get; init; }

    public long ChangesWaiting { get; init; }
}
