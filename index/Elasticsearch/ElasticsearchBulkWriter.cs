using System.Text.Json;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Monitor.Index.Sqlite;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// Sends documents in <c>_bulk</c> batches cut by count and by bytes. Only throttling (429) and unavailability (503)
/// are retried, whole batch or single items, with exponential backoff and jitter; 409 on create and 404 on delete
/// mean the work is already done; any other item failure goes to the dead-letter table with its reason, and the
/// rest of the batch is not held up by it. A success status whose body lacks one result per action is a malformed
/// answer, retried like a 503 and never dead-lettered; if it persists, the write fails naming it. Ids are the
/// messages' natural keys, so a retry never doubles a message.
/// </summary>
internal sealed class ElasticsearchBulkWriter
{
    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly SqliteReindexState _state;
    private readonly TimeProvider _time;

    public ElasticsearchBulkWriter(ElasticsearchClient client, ElasticsearchOptions options, SqliteReindexState state, TimeProvider time)
    {
        _client = client;
        _options = options;
        _state = state;
        _time = time;
    }

    public string Target => _options.IndexPrefix;

    public async Task<BulkWriteReport> WriteAsync(IReadOnlyList<StoredMessage> messages, BulkAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var report = BulkWriteReport.Empty;
        var batch = new List<(string Id, string Index, MessageDocument Document)>();
        long bytes = 0;
        foreach (var message in messages)
        {
            var document = MessageDocuments.From(message);
            var size = JsonSerializer.SerializeToUtf8Bytes(document).Length + 100;
            if (batch.Count > 0 && (batch.Count >= _options.BulkMaxCount || bytes + size > _options.BulkMaxBytes))
            {
                report = report.Add(await SendAsync(batch, action, cancellationToken));
                batch = [];
                bytes = 0;
            }

            batch.Add((MessageDocuments.Id(document.SourceKind, document.SourceId), MessageDocuments.IndexFor(_options.IndexPrefix, document.Time), document));
            bytes += size;
        }

        if (batch.Count > 0)
        {
            report = report.Add(await SendAsync(batch, action, cancellationToken));
        }

        return report;
    }

    private async Task<BulkWriteReport> SendAsync(
        List<(string Id, string Index, MessageDocument Document)> batch, BulkAction action, CancellationToken cancellationToken)
    {
        int written = 0, done = 0, retries = 0, malformedAnswers = 0;
        var dead = new List<DeadLetter>();
        var pending = batch;
        for (var attempt = 0; pending.Count > 0; attempt++)
        {
            if (attempt > 0)
            {
                retries++;
                await Task.Delay(Backoff(attempt), _time, cancellationToken);
            }

            var response = await _client.BulkAsync(Request(pending, action), cancellationToken);
            var status = response.ApiCallDetails.HttpStatusCode;
            var items = response.Items?.ToList() ?? [];
            if (status is >= 200 and < 300 && Malformed(items, pending) is { } malformed)
            {
                // A success status without one result per action, in order, is not the _bulk protocol (a proxy that
                // cut the body, a filter_path=items.*.error, a node mid-restart): it says nothing about any document,
                // so none is dead-lettered for it. The request is sent again like a 503 (index is idempotent, create
                // answers 409 = done); if the node keeps answering so, the run fails, naming the answer.
                malformedAnswers++;
                if (attempt < _options.MaxRetries)
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"Elasticsearch answered a _bulk of {pending.Count} {Operation(action)} actions with HTTP {status} but {malformed}, " +
                    $"{malformedAnswers} of {attempt + 1} attempts; nothing was dead-lettered for it. Is a proxy or filter_path in front of the node?");
            }

            if (items.Count != pending.Count)
            {
                if (status is 429 or 503 && attempt < _options.MaxRetries)
                {
                    continue;
                }

                // No per-item answer: the whole request failed (a 400 for the body, a 413, a 429 after every retry).
                var reason = response.ElasticsearchServerError?.Error?.Reason ?? response.ApiCallDetails.OriginalException?.Message ?? "no item results";
                if (status is null)
                {
                    throw new HttpRequestException($"Elasticsearch did not answer the bulk request: {reason}", response.ApiCallDetails.OriginalException);
                }

                dead.AddRange(pending.Select(p => new DeadLetter(p.Id, Operation(action), status.Value, response.ElasticsearchServerError?.Error?.Type, reason)));
                break;
            }

            var retry = new List<(string, string, MessageDocument)>();
            for (var i = 0; i < items.Count; i++)
            {
                var item = items[i];
                if (item.Status is >= 200 and < 300)
                {
                    written++;
                }
                else if ((item.Status == 409 && action == BulkAction.Create) || (item.Status == 404 && action == BulkAction.Delete))
                {
                    done++;
                }
                else if (item.Status is 429 or 503 && attempt < _options.MaxRetries)
                {
                    retry.Add(pending[i]);
                }
                else
                {
                    dead.Add(new DeadLetter(pending[i].Id, item.Operation ?? Operation(action), item.Status, item.Error?.Type, Reason(item)));
                }
            }

            pending = retry;
        }

        await _state.AddDeadLettersAsync(Target, dead, _time.GetUtcNow(), cancellationToken);
        return new BulkWriteReport(written, done, retries, dead.Count);
    }

    /// <summary>What is wrong with a 2xx answer's items, or null when there is one result, with its status, per action.</summary>
    private static string? Malformed(List<ResponseItem> items, List<(string Id, string Index, MessageDocument Document)> pending)
    {
        if (items.Count != pending.Count)
        {
            return $"{items.Count} item results";
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Status == 0)
            {
                return $"item {i} without a status";
            }
        }

        return null;
    }

    private static BulkRequest Request(List<(string Id, string Index, MessageDocument Document)> batch, BulkAction action)
    {
        var operations = new BulkOperationsCollection();
        foreach (var (id, index, document) in batch)
        {
            operations.Add(action switch
            {
                BulkAction.Create => new BulkCreateOperation<MessageDocument>(document, index) { Id = id },
                BulkAction.Delete => new BulkDeleteOperation(id) { Index = index },
                _ => new BulkIndexOperation<MessageDocument>(document, index) { Id = id },
            });
        }

        return new BulkRequest { Operations = operations };
    }

    /// <summary>Exponential (base · 2^(attempt-1), capped) with "equal jitter": half fixed, half random.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var exponential = Math.Min(_options.RetryMaxDelay.TotalMilliseconds, _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds((exponential / 2) + (Random.Shared.NextDouble() * exponential / 2));
    }

    private static string Operation(BulkAction action) => action.ToString().ToLowerInvariant();

    private static string Reason(ResponseItem item)
    {
        var reason = item.Error?.Reason ?? $"status {item.Status}";
        return item.Error?.CausedBy?.Reason is { } cause ? $"{reason} (caused by: {cause})" : reason;
    }
}
