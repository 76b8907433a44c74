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

    internal static async Task ScheduleAsync(IScheduler scheduler, RetrainingOptions retraining, SchedulerOptions options, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var job = JobBuilder.Create<RetrainingJob>().WithIdentity(JobKeys.Duty(RetrainingJob.Name)).StoreDurably().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(JobKeys.DutyTrigger(RetrainingJob.Name))
            .ForJob(job)
            .WithCronSchedule(retraining.Cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
