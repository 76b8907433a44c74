namespace Monitor.Index.Retention;

/// <summary>
/// What the retention and erasure duty asks of the system of record. Both work in short transactions so the
/// callback's writes are never held up for long; both return what they removed or changed, so a copy (the
/// Elasticsearch read side) can follow.
/// </summary>
public interface IStoreRetention
{
    /// <summary>
    /// Removes at most <paramref name="maxMessages"/> messages that reached us before <paramref name="cutoff"/>, with
    /// everything derived from them (analysis, full-text row, daily and keyword counts, case, label corrections) and
    /// the raw deliveries that carried them, plus up to as many other raw deliveries received before the cutoff
    /// (rejected or duplicate bodies). Call it again until <see cref="PurgeBatch.Finished"/>.
    /// </summary>
    Task<PurgeBatch> PurgeReceivedBeforeAsync(DateTimeOffset cutoff, int maxMessages, CancellationToken cancellationToken);

    /// <summary>
    /// Erases a person as <see cref="IMessageStore.ErasePersonAsync"/> does (new unlinkable pseudonym, raw bodies
    /// blanked) and returns their messages as they were and as they are now.
    /// </summary>
    Task<PersonErasure> EraseForCopiesAsync(string pseudonym, CancellationToken cancellationToken);
}
