using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Signals;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// The urgency reasons a message's text cannot give: repeated contact by the same pseudonym and a growing
/// near-duplicate cluster (issue 5 item 6). Before a batch is understood, <see cref="GatherAsync"/> reads both from
/// the store for the whole batch — two queries, whatever its size — so the scorer sees them with the text; after the
/// batch is saved, <see cref="RaiseMembersAsync"/> moves the still-open earlier members of each growing cluster up the
/// queue with the same growing-cluster reason, at most <see cref="UrgencyContextOptions.MaxMemberUpdatesPerBatch"/>
/// per batch. A member's growing-cluster points are only ever raised: it keeps the highest growth its cluster showed
/// while its case was open.
/// </summary>
public sealed partial class UrgencyContext
{
    /// <summary>Earlier messages counted at most: the scorer's repeated-contact points are capped well below this.</summary>
    internal const int RepeatContactCap = 10;

    private readonly IUrgencySignals? _signals;
    private readonly IUrgencyScorer _scorer;
    private readonly UrgencyContextOptions _options;
    private readonly ILogger<UrgencyContext> _logger;
    private readonly int _baseScore;

    public UrgencyContext(IUrgencySignals? signals, IUrgencyScorer scorer, IOptions<UrgencyContextOptions> options, ILogger<UrgencyContext> logger)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(options);
        _signals = signals;
        _scorer = scorer;
        _options = options.Value;
        _logger = logger;
        // What the scorer gives a message with no reason at all: the base every stored score was built on.
        _baseScore = scorer.Score(new UrgencyInput(string.Empty)).Score;
    }

    /// <summary>Signals for each message of a batch, in order, from its id and the cluster it was just linked to.</summary>
    public async Task<BatchUrgencySignals> GatherAsync(IReadOnlyList<long> messageIds, IReadOnlyList<NearDuplicate> clusters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        ArgumentNullException.ThrowIfNull(clusters);
        if (_signals is null || messageIds.Count == 0)
        {
            return new BatchUrgencySignals(messageIds, [.. messageIds.Select(_ => UrgencySignals.None)], new Dictionary<long, double>());
        }

        var history = await _signals.ContactHistoryAsync(messageIds, _options.RepeatContactWindow, RepeatContactCap, cancellationToken);

        // The batch's own members of each cluster are not saved yet: they are counted here, the stored ones by the store.
        var batchTimes = new Dictionary<long, List<DateTimeOffset>>();
        for (var i = 0; i < messageIds.Count; i++)
        {
            if (history.TryGetValue(messageIds[i], out var known))
            {
                if (!batchTimes.TryGetValue(clusters[i].ClusterId, out var times))
                {
                    batchTimes[clusters[i].ClusterId] = times = [];
                }

                times.Add(known.Time);
            }
        }

        var activity = await _signals.ClusterActivityAsync(
            batchTimes.ToDictionary(c => c.Key, c => c.Value.Max()), messageIds, _options.ClusterGrowthWindow, cancellationToken);
        var growth = new Dictionary<long, double>();
        foreach (var (cluster, times) in batchTimes)
        {
            var stored = activity.GetValueOrDefault(cluster) ?? new ClusterActivity(times.Max(), 0, 0);
            var windowStart = stored.AsOf - _options.ClusterGrowthWindow;
            var recent = stored.Recent + times.Count(t => t > windowStart);
            var earlier = stored.Earlier + times.Count(t => t <= windowStart);
            if (Growth(recent, earlier, _options.ClusterGrowthBase) is > 0 and var g)
            {
                growth[cluster] = g;
            }
        }

        var perMessage = new UrgencySignals[messageIds.Count];
        for (var i = 0; i < messageIds.Count; i++)
        {
            perMessage[i] = new UrgencySignals(
                history.TryGetValue(messageIds[i], out var known) ? known.EarlierContacts : 0,
                growth.GetValueOrDefault(clusters[i].ClusterId));
        }

        return new BatchUrgencySignals(messageIds, perMessage, growth);
    }

    /// <summary>
    /// Raises the stored urgency of the still-open members of the batch's growing clusters (newest first, a fair share
    /// of the bound per cluster) to carry the cluster's current growth; returns how many changed. A failure here is
    /// logged and leaves the members as they were: the batch itself is saved by then.
    /// </summary>
    public async Task<int> RaiseMembersAsync(BatchUrgencySignals batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var limit = _options.MaxMemberUpdatesPerBatch;
        if (_signals is null || limit <= 0 || batch.GrowthByCluster.Count == 0)
        {
            return 0;
        }

        try
        {
            var perCluster = (limit + batch.GrowthByCluster.Count - 1) / batch.GrowthByCluster.Count;
            var members = await _signals.OpenClusterMembersAsync([.. batch.GrowthByCluster.Keys], batch.MessageIds, perCluster, cancellationToken);
            var updates = new List<UrgencyUpdate>();
            foreach (var member in members)
            {
                if (updates.Count < limit && WithGrowth(member.Urgency, batch.GrowthByCluster[member.ClusterId]) is { } raised)
                {
                    updates.Add(new UrgencyUpdate(member.MessageId, raised, member.Urgency));
                }
            }

            var changed = await _signals.UpdateUrgencyAsync(updates, cancellationToken);
            if (changed > 0)
            {
                LogRaised(_logger, changed, batch.GrowthByCluster.Count);
            }

            return changed;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRaiseFailed(_logger, ex.GetType().Name);
            return 0;
        }
    }

    /// <summary>
    /// New members in the window over the members before it (at least <paramref name="floor"/>); a cluster born in the
    /// window does not count its first member as growth.
    /// </summary>
    internal static double Growth(int recent, int earlier, int floor)
    {
        var added = recent - (earlier == 0 ? 1 : 0);
        return added <= 0 ? 0 : added / (double)Math.Max(earlier, Math.Max(1, floor));
    }

    /// <summary>
    /// The stored assessment with its growing-cluster reason replaced by the scorer's reason for <paramref name="growth"/>,
    /// or null when that would not raise it, or when the stored reasons do not add up to the stored score (written by
    /// another scorer or by hand: left alone rather than guessed at).
    /// </summary>
    internal UrgencyAssessment? WithGrowth(UrgencyAssessment stored, double growth)
    {
        var reason = _scorer.Score(new UrgencyInput(string.Empty, ClusterGrowth: growth)).Reasons
            .FirstOrDefault(r => r.Factor == UrgencyFactors.GrowingCluster);
        if (reason is null)
        {
            return null;
        }

        var kept = new List<(string Text, int Points)>(stored.Reasons.Count + 1);
        var previous = 0;
        foreach (var text in stored.Reasons)
        {
            if (!UrgencyReasonText.TryParse(text, out var factor, out var points))
            {
                return null;
            }

            if (factor == UrgencyFactors.GrowingCluster)
            {
                previous = points;
            }
            else
            {
                kept.Add((text, points));
            }
        }

        if (reason.Points <= previous || Math.Min(100, _baseScore + kept.Sum(k => k.Points) + previous) != stored.Score)
        {
            return null;
        }

        kept.Add((UrgencyReasonText.Format(reason), reason.Points));
        return new UrgencyAssessment(
            Math.Min(100, _baseScore + kept.Sum(k => k.Points)),
            [.. kept.OrderByDescending(k => k.Points).Select(k => k.Text)]);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Raised the urgency of {Members} open members of {Clusters} growing clusters")]
    private static partial void LogRaised(ILogger logger, int members, int clusters);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raising the urgency of growing clusters' members failed ({Error}); they keep their urgency until the cluster grows again")]
    private static partial void LogRaiseFailed(ILogger logger, string error);
}

/// <summary>The signals of one batch: per message in batch order, and the growth of every cluster that grew.</summary>
public sealed record BatchUrgencySignals(
    IReadOnlyList<long> MessageIds,
    IReadOnlyList<UrgencySignals> PerMessage,
    IReadOnlyDictionary<long, double> GrowthByCluster);
