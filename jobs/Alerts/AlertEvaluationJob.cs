using Quartz;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// The hourly burst evaluation: evaluates the rules (state and log saved first, so the dashboard has them even when
/// a channel is down), then sends the run's notices as one digest. Not retried: a retry would find the rules already
/// fired and stay quiet; a missed hour is evaluated once on the next start.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(0)]
internal sealed class AlertEvaluationJob(BurstAlertEvaluator evaluator, AlertDispatcher dispatcher) : IJob
{
    public const string Name = "alert-evaluation";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var digest = await evaluator.EvaluateAsync(cancellationToken);
        context.Result = digest is null ? 0 : digest.Notices.Count;
        if (digest is not null)
        {
            await dispatcher.SendAsync(digest, cancellationToken);
        }
    }
}
