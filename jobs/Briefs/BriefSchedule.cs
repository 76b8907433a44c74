using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Briefs;

/// <summary>At start, puts the daily and weekly brief into the job store; a missed brief is written once when the scheduler is back.</summary>
internal sealed class BriefSchedule(ISchedulerFactory schedulers, IOptions<BriefOptions> briefs, IOptions<SchedulerOptions> scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await ScheduleAsync(await schedulers.GetScheduler(cancellationToken), briefs.Value, scheduler.Value, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task ScheduleAsync(IScheduler scheduler, BriefOptions briefs, SchedulerOptions options, CancellationToken cancellationToken)
    {
        foreach (var (name, kind, cron) in new[] { (BriefJob.DailyName, BriefKind.Daily, briefs.DailyCron), (BriefJob.WeeklyName, BriefKind.Weekly, briefs.WeeklyCron) })
        {
            await CronDuty.ScheduleAsync<BriefJob>(
                scheduler, name, cron, options, cancellationToken, data: new Dictionary<string, string> { [BriefJob.KindKey] = kind.ToString() });
        }
    }
}
