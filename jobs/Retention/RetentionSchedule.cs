using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Retention;

/// <summary>At start, puts the nightly retention and erasure duty into the job store (replacing a stored one, so a changed cron applies).</summary>
internal sealed class RetentionSchedule(ISchedulerFactory schedulers, IOptions<RetentionOptions> retention, IOptions<SchedulerOptions> scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await ScheduleAsync(await schedulers.GetScheduler(cancellationToken), retention.Value, scheduler.Value, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static Task ScheduleAsync(IScheduler scheduler, RetentionOptions retention, SchedulerOptions options, CancellationToken cancellationToken) =>
        CronDuty.ScheduleAsync<RetentionJob>(scheduler, RetentionJob.Name, retention.Cron, options, cancellationToken);
}
