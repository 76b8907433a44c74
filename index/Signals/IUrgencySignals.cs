namespace Monitor.Index.Signals;

/// <summary>
/// What the store knows about a message that its text does not say: whether its author wrote before, and whether
/// its near-duplicate cluster is growing; and the write that moves a growing cluster's still-open members up the
/// responders' queue. Every read is one query for a whole pipeline batch, answered from the <c>analyses</c> indexes
/// on (author, time) and (cluster, time).
/// </summary>
public interface IUrgencySignals
{
    /// <summary>
    /// For each message: its time, and how many citizen messages (cases) its author stored in the
    /// <paramref name="window"/> before it, counting at most <paramref name="cap"/>. Messages stored earlier in the
    /// same batch count like any other; a message without an author, or that is not a citizen's, gets 0.
    /// Unknown ids are left out.
    /// </summary>
    Task<IReadOnlyDictionary<long, ContactHistory>> ContactHistoryAsync(
        IReadOnlyCollection<long> messageIds, TimeSpan window, int cap, CancellationToken cancellationToken);

    /// <summary>
    /// For each cluster (id → the newest time the caller knows of a member): the stored members other than
    /// <paramref name="excludedIds"/> (the caller's batch, not saved yet) counted in the <paramref name="window"/>
    /// that ends at the newest member — the caller's or a stored one, whichever is later — and before it.
    /// </summary>
    Task<IReadOnlyDictionary<long, ClusterActivity>> ClusterActivityAsync(
        IReadOnlyDictionary<long, DateTimeOffset> newestByCluster, IReadOnlyCollection<long> excludedIds, TimeSpan window, CancellationToken cancellationToken);

    /// <summary>
    /// The newest analysed members of each cluster whose case is still open (open, assigned or replied; not
    /// resolved), at most <paramref name="perCluster"/> each, other than <paramref name="excludedIds"/>.
    /// </summary>
    Task<IReadOnlyList<ClusterMember>> OpenClusterMembersAsync(
        IReadOnlyCollection<long> clusterIds, IReadOnlyCollection<long> excludedIds, int perCluster, CancellationToken cancellationToken);

    /// <summary>
    /// Writes new urgency for messages whose case is still open, each only when its stored urgency is still the one
    /// the caller read (a re-analysis or a resolve in between wins); one transaction. Returns how many changed.
    /// </summary>
    Task<int> UpdateUrgencyAsync(IReadOnlyList<UrgencyUpdate> updates, CancellationToken cancellationToken);
}

/// <summary>A message's time and how many earlier citizen messages its author sent in the window before it.</summary>
public sealed record ContactHistory(DateTimeOffset Time, int EarlierContacts);

/// <summary>A cluster's stored members in the window ending at <paramref name="AsOf"/> and before that window.</summary>
public sealed record ClusterActivity(DateTimeOffset AsOf, int Recent, int Earlier);

/// <summary>A still-open member of a cluster with the urgency stored for it.</summary>
public sealed record ClusterMember(long MessageId, long ClusterId, UrgencyAssessment Urgency);

/// <summary>New urgency for a message, written only if it still has <paramref name="Expected"/>.</summary>
public sealed record UrgencyUpdate(long MessageId, UrgencyAssessment Urgency, UrgencyAssessment Expected);
