using Quartz;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// The hourly evaluation: evaluates the burst rules, the sources' silence and the new ingest alerts (state and log saved first, so the dashboard has them even when
/// a channel is down), then sends the run's notices as one digest. Not retried: a retry would find the rules already
/// fired and stay quiet; a missed hour is evaluated once on the next start.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(0)]
internal sealed class AlertEvaluationJob(
    BurstAlertEvaluator evaluator, SourceSilenceEvaluator silence, IngestAlertForwarder ingest, AlertDispatcher dispatcher, TimeProvider time) : IJob
{
    public const string Name = "alert-evaluation";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var bursts = await evaluator.EvaluateAsync(cancellationToken);
        var quiet = await silence.EvaluateAsync(cancellationToken);
        var failures = await ingest.EvaluateAsync(cancellationToken);
        AlertNotice[] notices = [.. bursts?.Notices ?? [], .. quiet, .. failures];
        context.Result = notices.Length;
        if (notices.Length > 0)
        {
            await dispatcher.SendAsync(new AlertDigest(bursts?.At ?? time.GetUtcNow(), notices), cancellationToken);
        }
    }
}
