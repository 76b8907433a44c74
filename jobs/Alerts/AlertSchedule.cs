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

    internal static Task ScheduleAsync(IScheduler scheduler, AlertOptions alerts, SchedulerOptions options, CancellationToken cancellationToken) =>
        CronDuty.ScheduleAsync<AlertEvaluationJob>(scheduler, AlertEvaluationJob.Name, alerts.EvaluationCron, options, cancellationToken);
}
