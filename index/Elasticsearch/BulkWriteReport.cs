namespace Monitor.Index.Elasticsearch;

/// <summary>
/// What a bulk write did: documents written, already there (409 on create, 404 on delete: done), how many sends
/// were retries after 429/503, and documents dead-lettered.
/// </summary>
public sealed record BulkWriteReport(int Written, int AlreadyDone, int Retries, int DeadLettered)
{
    public static readonly BulkWriteReport Empty = new(0, 0, 0, 0);

    public BulkWriteReport Add(BulkWriteReport other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Written + other.Written, AlreadyDone + other.AlreadyDone, Retries + other.Retries, DeadLettered + other.DeadLettered);
    }
}
