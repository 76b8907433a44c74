namespace Monitor.Index.Elasticsearch;

/// <summary>How far a reindex is: messages copied of those to copy this run, and the last id checkpointed.</summary>
public sealed record ReindexProgress(long Copied, long Total, long LastId, BulkWriteReport Report);
