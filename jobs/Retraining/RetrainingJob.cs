using Microsoft.Extensions.Options;
using Quartz;

namespace Monitor.Jobs.Retraining;

/// <summary>
/// The weekly retraining duty: every configured task with enough new corrections is retrained and promoted only when
/// not worse (<see cref="ModelRetrainer"/>). Never two at once (training takes the machine's cores for minutes); not
/// retried and a missed week not made up (misfire: do nothing) — the corrections wait for the next run.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(0)]
internal sealed class RetrainingJob(ModelRetrainer retrainer, IOptions<RetrainingOptions> options) : IJob
{
    public const string Name = "retraining";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var outcomes = new List<RetrainingOutcome>();
        foreach (var task in options.Value.EffectiveTasks)
        {
            outcomes.Add(await retrainer.RetrainAsync(task, cancellationToken));
        }

        context.Result = outcomes;
    }
}
