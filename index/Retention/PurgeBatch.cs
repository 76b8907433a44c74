namespace Monitor.Index.Retention;

/// <summary>
/// One step of a retention purge: the messages removed (as they were, so a copy can delete them by id) and the raw
/// deliveries removed. <see cref="Finished"/> is true when nothing older than the cutoff is left.
/// </summary>
public sealed record PurgeBatch(IReadOnlyList<StoredMessage> Removed, int DeliveriesRemoved, bool Finished);
