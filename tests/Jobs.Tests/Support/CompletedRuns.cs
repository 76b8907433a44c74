using System.Collections.Concurrent;
using Quartz;

namespace Monitor.Jobs.Tests.Support;

/// <summary>A job listener that counts the finished runs of each job, so a test knows a fire it started is over.</summary>
public sealed class CompletedRuns : IJobListener
{
    private readonly ConcurrentDictionary<JobKey, int> _runs = new();
    private readonly ConcurrentQueue<JobExecutionException> _failures = new();

    public string Name { get; } = "completed-runs-" + Guid.NewGuid().ToString("N");

    public IReadOnlyCollection<JobExecutionException> Failures => _failures;

    public int Of(JobKey job) => _runs.GetValueOrDefault(job);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => default;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (jobException is not null)
        {
            _failures.Enqueue(jobException);
        }

        _runs.AddOrUpdate(context.JobDetail.Key, 1, (_, n) => n + 1);
        return default;
    }
}
