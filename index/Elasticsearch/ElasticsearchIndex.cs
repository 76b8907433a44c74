using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// The Elasticsearch copy of an embedded store: its template, its bulk writer, its questions and the resumable
/// reindex from SQLite (the system of record, which also keeps the checkpoint and the dead letters).
/// </summary>
public sealed class ElasticsearchIndex
{
    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly string _databasePath;
    private readonly SqliteReindexState _state;
    private readonly ElasticsearchBulkWriter _writer;
    private readonly TimeProvider _time;

    internal ElasticsearchIndex(ElasticsearchClient client, ElasticsearchOptions options, string databasePath, TimeProvider time)
    {
        _client = client;
        _options = options;
        _databasePath = databasePath;
        _time = time;
        using (new SqliteMessageStore(databasePath))
        {
            // Opening the store applies the migrations that hold the checkpoint and dead-letter tables.
        }

        _state = new SqliteReindexState(databasePath);
        _writer = new ElasticsearchBulkWriter(client, options, _state, time);
        Queries = new ElasticsearchMessageQueries(client, options);
    }

    public IMessageQueries Queries { get; }

    /// <summary>Connects to <see cref="ElasticsearchOptions.Url"/>; <paramref name="databasePath"/> is the SQLite store it copies.</summary>
    public static ElasticsearchIndex Connect(ElasticsearchOptions options, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new ArgumentException("ElasticsearchOptions.Url is not set (e.g. http://localhost:9200).", nameof(options));
        var settings = new ElasticsearchClientSettings(new SingleNodePool(url));
        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            var user = Uri.UnescapeDataString(url.UserInfo).Split(':', 2);
            settings.Authentication(new BasicAuthentication(user[0], user.Length > 1 ? user[1] : string.Empty));
        }

        return new ElasticsearchIndex(new ElasticsearchClient(settings), options, databasePath, TimeProvider.System);
    }

    /// <summary>Puts the index template (mappings, analyzer, alias); every monthly index created after it gets them.</summary>
    public async Task EnsureTemplateAsync(CancellationToken cancellationToken)
    {
        var response = await _client.Indices.PutIndexTemplateAsync(ElasticsearchTemplate.Request(_options), cancellationToken);
        if (!response.IsValidResponse)
        {
            throw new InvalidOperationException(
                $"Could not put the index template '{_options.IndexPrefix}': {response.ElasticsearchServerError?.Error?.Reason ?? response.ApiCallDetails.OriginalException?.Message}");
        }
    }

    public Task<BulkWriteReport> WriteAsync(IReadOnlyList<StoredMessage> messages, BulkAction action, CancellationToken cancellationToken) =>
        _writer.WriteAsync(messages, action, cancellationToken);

    /// <summary>Makes what was written visible to searches now (tests, the end of a reindex).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) =>
        await _client.Indices.RefreshAsync(new Elastic.Clients.Elasticsearch.IndexManagement.RefreshRequest(_options.Alias), cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(CancellationToken cancellationToken) => _state.DeadLettersAsync(_writer.Target, cancellationToken);

    /// <summary>
    /// Copies every message stored after the last checkpoint, in id order and batches of <paramref name="batchSize"/>,
    /// saving the checkpoint after each batch, so an interrupted run continues where it stopped. A run stops before the
    /// first message still waiting for its analysis (the pipeline takes them in id order, so that is the analysis
    /// frontier): the checkpoint never passes it, and a later run copies it analysed — copied earlier, its sentiment,
    /// topic and urgency would never reach the copy. Then it copies again the messages that changed after they were
    /// copied (a case assigned, replied or resolved, a raised urgency, a reanalysis: the store's change log), each
    /// once per batch as it is now, with its own checkpoint; deleted messages are left out.
    /// One run per target at a time: the run takes the target's lease in the store first (else
    /// <see cref="ReindexLeaseHeldException"/>, nothing copied), renews it while it runs and gives it up at the end,
    /// failed or not; a run that loses it (it could not renew it in time and another run took it over) stops.
    /// </summary>
    public async Task<ReindexProgress> ReindexAsync(int batchSize, IProgress<ReindexProgress>? progress, CancellationToken cancellationToken)
    {
        var duration = _options.ReindexLeaseDuration;
        if (duration <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Monitor:Elasticsearch:ReindexLeaseDuration must be positive, not {duration}.");
        }

        var lease = ReindexLease.ForThisProcess(_writer.Target, _time.GetUtcNow(), duration);
        if (await _state.TryTakeLeaseAsync(lease, _time.GetUtcNow(), cancellationToken) is { } holder)
        {
            throw new ReindexLeaseHeldException(holder);
        }

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewal = RenewAsync(lease, duration, lost, stopRenewing.Token);
        try
        {
            return await CopyAsync(batchSize, progress, lost.Token);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && lost.IsCancellationRequested)
        {
            // However the cancellation surfaced (the client wraps it in its own exception), the lost lease stopped the run.
            var now = await _state.LeaseAsync(_writer.Target, CancellationToken.None);
            throw new InvalidOperationException(
                $"This reindex lost its lease on '{_writer.Target}' (not renewed in time) to {now?.Describe() ?? "another run"}: it stopped so that two runs do not copy at once.",
                e);
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewal;
            await _state.ReleaseLeaseAsync(lease, CancellationToken.None);
        }
    }

    /// <summary>Renews the lease every third of its duration until stopped; cancels <paramref name="lost"/> if another run holds it.</summary>
    private async Task RenewAsync(ReindexLease lease, TimeSpan duration, CancellationTokenSource lost, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await Task.Delay(duration / 3, _time, stop);
                if (!await _state.RenewLeaseAsync(lease, _time.GetUtcNow() + duration, stop))
                {
                    await lost.CancelAsync();
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SqliteException)
            {
                // The file was busy past the timeout: try again at the next tick, well before the lease runs out.
            }
        }
    }

    private async Task<ReindexProgress> CopyAsync(int batchSize, IProgress<ReindexProgress>? progress, CancellationToken cancellationToken)
    {
        await EnsureTemplateAsync(cancellationToken);
        var connectionString = SqliteConnections.ConnectionString(_databasePath);
        var lastId = await _state.CheckpointAsync(_writer.Target, cancellationToken);
        long total;
        await using (var connection = await SqliteConnections.OpenAsync(connectionString, cancellationToken))
        await using (var count = connection.CreateCommand())
        {
            count.CommandText = "SELECT count(*) FROM messages WHERE id > $after;";
            count.Parameters.AddWithValue("$after", lastId);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var state = new ReindexProgress(0, total, lastId, BulkWriteReport.Empty);
        progress?.Report(state);
        while (true)
        {
            var batch = await _state.ClaimAfterAsync(_writer.Target, lastId, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            var report = await _writer.WriteAsync(batch, BulkAction.Index, cancellationToken);
            lastId = batch[^1].Id;
            await _state.SaveCheckpointAsync(_writer.Target, lastId, _time.GetUtcNow(), cancellationToken);
            state = state with { Copied = state.Copied + batch.Count, LastId = lastId, Report = state.Report.Add(report) };
            progress?.Report(state);
        }

        var (seq, waiting) = await _state.ChangeCheckpointAsync(_writer.Target, cancellationToken);
        state = state with { ChangesWaiting = waiting };
        while (true)
        {
            var (lastSeq, changed) = await _state.ReadChangesAsync(seq, lastId, batchSize, cancellationToken);
            if (lastSeq == seq)
            {
                break;
            }

            var report = changed.Count == 0 ? BulkWriteReport.Empty : await _writer.WriteAsync(changed, BulkAction.Index, cancellationToken);
            await _state.SaveChangeCheckpointAsync(_writer.Target, lastSeq, _time.GetUtcNow(), cancellationToken);
            seq = lastSeq;
            state = state with { Recopied = state.Recopied + changed.Count, Report = state.Report.Add(report) };
            progress?.Report(state);
        }

        await RefreshAsync(cancellationToken);
        return state;
    }
}
