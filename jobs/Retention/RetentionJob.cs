using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Retention;
using Quartz;

namespace Monitor.Jobs.Retention;

/// <summary>
/// The nightly retention and erasure duty. First the queued erasure requests (each on its own: one failure is kept
/// with its reason and tried again next run, the others go on), then, when <see cref="RetentionOptions.Days"/> is set,
/// the purge of everything that arrived before the cutoff, batch by batch. When the questions are answered from
/// Elasticsearch, the copy follows each step (per-id deletes; 404 counts as done). Idempotent: a retry or a second
/// run finds nothing left to do, so the default retry policy applies; a missed night runs once when the scheduler
/// is back (misfire: fire and proceed).
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(
    IStoreRetention store, ErasureQueue queue, IOptions<RetentionOptions> options, TimeProvider time, IServiceProvider services, ILogger<RetentionJob> logger) : IJob
{
    public const string Name = "retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = await RunAsync(cancellationToken);
    }

    internal async Task<RetentionRun> RunAsync(CancellationToken cancellationToken)
    {
        var copy = services.GetService<ElasticsearchIndex>();
        var now = time.GetUtcNow();
        int erasures = 0, erased = 0;
        foreach (var request in await queue.OpenAsync(cancellationToken))
        {
            try
            {
                var erasure = await store.EraseForCopiesAsync(request.Pseudonym, cancellationToken);
                if (copy is not null)
                {
                    await copy.FollowAsync(erasure, cancellationToken);
                }

                await queue.CompleteAsync(request.Id, erasure.Erased, time.GetUtcNow(), cancellationToken);
                erasures++;
                erased += erasure.Erased;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogErasureFailed(logger, request.Id, ex);
                await queue.FailAsync(request.Id, ex.Message, cancellationToken);
            }
        }

        DateTimeOffset? cutoff = options.Value.Days > 0 ? now.AddDays(-options.Value.Days) : null;
        int messages = 0, deliveries = 0;
        if (cutoff is { } before)
        {
            while (true)
            {
                var batch = await store.PurgeReceivedBeforeAsync(before, options.Value.BatchSize, cancellationToken);
                if (copy is not null)
                {
                    await copy.RemoveAsync(batch, cancellationToken);
                }

                messages += batch.Removed.Count;
                deliveries += batch.DeliveriesRemoved;
                if (batch.Finished)
                {
                    break;
                }
            }
        }

        var run = new RetentionRun(now, cutoff, messages, deliveries, erasures, erased);
        await queue.LogAsync(run, cancellationToken);
        LogRun(logger, cutoff, messages, deliveries, erasures, erased);
        return run;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Erasure request {RequestId} failed; it stays queued for the next run")]
    private static partial void LogErasureFailed(ILogger logger, long requestId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention run: cutoff {Cutoff}, {Messages} messages and {Deliveries} raw deliveries removed, {Erasures} erasures ({Erased} messages)")]
    private static partial void LogRun(ILogger logger, DateTimeOffset? cutoff, int messages, int deliveries, int erasures, int erased);
}
