using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Retraining;

/// <summary>At start, puts the weekly retraining duty into the job store (replacing a stored one, so a changed cron applies).</summary>
internal sealed class RetrainingSchedule(ISchedulerFactory schedulers, IOptions<RetrainingOptions> retraining, IOptions<SchedulerOptions> scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await ScheduleAsync(await schedulers.GetScheduler(cancellationToken), retraining.Value, scheduler.Value, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <remarks>A retraining cut short or missed is not rerun at start: it is heavy, and next week's run covers it.</remarks>
    internal static Task ScheduleAsync(IScheduler scheduler, RetrainingOptions retraining, SchedulerOptions options, CancellationToken cancellationToken) =>
        CronDuty.ScheduleAsync<RetrainingJob>(scheduler, RetrainingJob.Name, retraining.Cron, options, cancellationToken, recoverAfterCrash: false, runMissedOnce: false);
}
