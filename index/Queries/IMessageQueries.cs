namespace Monitor.Index.Queries;

/// <summary>
/// The questions the dashboard, the jobs and researchers ask of the stored messages, answered the same way by the
/// embedded SQLite store and by Elasticsearch. Read-only: writes go through <see cref="IMessageStore"/> (and, for
/// Elasticsearch, the reindex).
/// </summary>
public interface IMessageQueries
{
    /// <summary>
    /// Analysed messages per bucket and per value of <paramref name="split"/> (sentiment, topic or emotion), oldest
    /// bucket first; buckets and values with no message are left out.
    /// </summary>
    Task<IReadOnlyList<TimeCount>> CountOverTimeAsync(MessageFilter filter, TimeBucket bucket, CountSplit split, CancellationToken cancellationToken);

    /// <summary>The most frequent keywords (see <see cref="KeywordTerms"/>) of the matching messages, most frequent first.</summary>
    Task<IReadOnlyList<TermCount>> TopKeywordsAsync(MessageFilter filter, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Terms that rose in the window of <paramref name="filter"/> against the same filter over
    /// [<paramref name="baselineFrom"/>, <paramref name="baselineTo"/>), by log-likelihood, strongest first.
    /// </summary>
    Task<IReadOnlyList<HotTerm>> HotTopicsAsync(
        MessageFilter filter, DateTimeOffset baselineFrom, DateTimeOffset baselineTo, int top, CancellationToken cancellationToken);

    /// <summary>
    /// Unresolved citizen messages for responders: open before assigned before replied, then most urgent, then
    /// nearest deadline.
    /// </summary>
    Task<IReadOnlyList<StoredMessage>> UrgentQueueAsync(MessageFilter filter, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Messages containing <see cref="MessageFilter.Keyword"/>, best match first (BM25), with snippets; pass
    /// <see cref="SearchPage.NextCursor"/> back as <paramref name="cursor"/> for the next page.
    /// <para>
    /// When the words match more messages (in the filter's time window) than the backend ranks at once, the order is
    /// BM25 within recency tiers: the newest tier first (SQLite: the newest 10,000 matches), best match first
    /// inside it, then the next older tier, and so on. Paging still visits every match exactly once and
    /// <see cref="SearchPage.Total"/> counts them all. With fewer matches there is one tier: plain BM25 order.
    /// Elasticsearch ranks every match at once (one tier).
    /// </para>
    /// </summary>
    Task<SearchPage> SearchAsync(MessageFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken);

    /// <summary>Everything one citizen (author pseudonym) sent: messages and comments, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ThreadAsync(string author, int max, CancellationToken cancellationToken);

    /// <summary>The members of a near-duplicate cluster, oldest first.</summary>
    Task<IReadOnlyList<StoredMessage>> ClusterAsync(long clusterId, int max, CancellationToken cancellationToken);

    /// <summary>The account's scorecard over [<paramref name="windowStart"/>, <paramref name="windowEnd"/>), backlog as of <paramref name="asOf"/>.</summary>
    Task<Scorecard> ScorecardAsync(
        string account, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset asOf, CancellationToken cancellationToken);
}
