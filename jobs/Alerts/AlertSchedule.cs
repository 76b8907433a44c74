using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Alerts;

/// <summary>At start, puts the hourly alert evaluation into the job store (replacing a stored one, so a changed cron applies).</summary>
internal sealed class AlertSchedule(ISchedulerFactory schedulers, IOptions<AlertOptions> alerts, IOptions<SchedulerOptions> scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await ScheduleAsync(await schedulers.GetScheduler(cancellationToken), alerts.Value, scheduler.Value, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task ScheduleAsync(IScheduler scheduler, AlertOptions alerts, SchedulerOptions options, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var job = JobBuilder.Create<AlertEvaluationJob>().WithIdentity(JobKeys.Duty(AlertEvaluationJob.Name)).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(JobKeys.DutyTrigger(AlertEvaluationJob.Name))
            .ForJob(job)
            .WithCronSchedule(alerts.EvaluationCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
