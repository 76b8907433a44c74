using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Retention;

/// <summary>
/// Where an admin's erasure request goes: stored first (so it is carried out even if the next step fails), then the
/// retention duty is fired now through the shared job store, so a worker node carries it out within seconds rather
/// than at night. A web-only node without the duty in its store leaves it for the nightly run.
/// </summary>
internal sealed class ErasureDesk(ErasureQueue queue, ISchedulerFactory schedulers) : IErasureRequests
{
    public async Task<ErasureRequest> RequestAsync(string pseudonym, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var request = await queue.RequestAsync(pseudonym, requestedBy, at, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetJobDetail(JobKeys.Duty(RetentionJob.Name), cancellationToken) is not null)
        {
            await scheduler.TriggerJob(JobKeys.Duty(RetentionJob.Name), cancellationToken);
        }

        return request;
    }

    public Task<IReadOnlyList<ErasureRequest>> ListAsync(int max, CancellationToken cancellationToken) => queue.ListAsync(max, cancellationToken);

    public Task<IReadOnlyList<RetentionRun>> RunsAsync(int max, CancellationToken cancellationToken) => queue.RunsAsync(max, cancellationToken);
}
