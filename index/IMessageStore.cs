using Monitor.Ingest;

namespace Monitor.Index;

/// <summary>
/// The store every stage writes to and the dashboard reads from. Writes are idempotent per
/// (source kind, source id), so a delivery repeated by WeChat or an import run twice stores a message once.
/// </summary>
public interface IMessageStore
{
    /// <summary>
    /// Persists a raw delivery and, when it parsed, its message, in one transaction. The raw bytes are kept even when
    /// the message is a duplicate or the delivery was rejected, so nothing that arrived is lost.
    /// </summary>
    Task<IngestOutcome> IngestAsync(RawDelivery delivery, Message? message, CancellationToken cancellationToken);

    /// <summary>
    /// Stores several deliveries in one transaction (group commit: one disk flush for all), in order; the outcomes
    /// are in the same order. Used by the intake to keep acknowledgement latency low under bursts.
    /// </summary>
    Task<IReadOnlyList<IngestOutcome>> IngestManyAsync(IReadOnlyList<(RawDelivery Delivery, Message? Message)> deliveries, CancellationToken cancellationToken);

    /// <summary>Stores many messages (an import) in one transaction; duplicates are counted, not doubled.</summary>
    Task<BatchOutcome> IngestBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken);

    /// <summary>Messages whose analysis is pending or due for a retry, oldest first.</summary>
    Task<IReadOnlyList<PendingAnalysis>> TakePendingAnalysesAsync(int max, DateTimeOffset now, CancellationToken cancellationToken);

    Task SaveAnalysesAsync(IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken);

    /// <summary>
    /// Brings the keyword aggregates up to date with the saved analyses once the oldest not yet counted in them was
    /// analysed a while before <paramref name="now"/> (an idle pipeline calls it); returns how many it counted. The
    /// questions' answers are exact either way; this keeps what they read from the tokens small.
    /// </summary>
    Task<int> FoldKeywordsAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records why an analysis failed; the message stays stored and is retried at <paramref name="retryAt"/>.</summary>
    Task RecordAnalysisFailureAsync(long messageId, string reason, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>The newest messages, newest first; with <paramref name="afterId"/>, only those stored after it.</summary>
    Task<IReadOnlyList<StoredMessage>> LatestAsync(int count, long? afterId, CancellationToken cancellationToken);

    /// <summary>Every message with its analysis, in storage order.</summary>
    IAsyncEnumerable<StoredMessage> ExportAsync(CancellationToken cancellationToken);

    Task<StoreCounts> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Erases a person (WeChat's rule on unsubscribe): their messages stay, but under a new random pseudonym that no key
    /// can link back to the OpenID, and the raw deliveries that carried the OpenID are blanked. Returns the number of
    /// messages re-pseudonymised.
    /// </summary>
    Task<int> ErasePersonAsync(string pseudonym, CancellationToken cancellationToken);

    /// <summary>Deliveries that were rejected and are still in quarantine, oldest first.</summary>
    IAsyncEnumerable<QuarantinedDelivery> QuarantineAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Releases a quarantined delivery whose message can now be read (a parser fixed, a key configured): the message
    /// is stored as if it had arrived then (once, whatever else arrived since), and the delivery leaves the quarantine.
    /// </summary>
    Task<IngestOutcome> ReleaseAsync(long deliveryId, Message message, CancellationToken cancellationToken);

    /// <summary>The near-duplicate fingerprints and clusters of messages since a time, to rebuild the in-memory index at start.</summary>
    IAsyncEnumerable<(long MessageId, NearDuplicate NearDuplicate)> NearDuplicatesAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>One message by its row id (the number in its case number), or null when there is none.</summary>
    Task<StoredMessage?> GetAsync(long id, CancellationToken cancellationToken);
}
