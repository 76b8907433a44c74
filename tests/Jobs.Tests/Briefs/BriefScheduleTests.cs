using Monitor.Jobs.Alerts;
using Monitor.Jobs.Briefs;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Tests.Support;
using Quartz;

namespace Monitor.Jobs.Tests.Briefs;

public sealed class BriefScheduleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDutiesAreStoredWithTheirCronsAndTheBriefJobKnowsItsKind()
    {
        await using var host = await JobsHost.StartAsync();
        var scheduler = new SchedulerOptions();
        await BriefSchedule.ScheduleAsync(host.Scheduler, new BriefOptions(), scheduler, Token);
        await AlertSchedule.ScheduleAsync(host.Scheduler, new AlertOptions(), scheduler, Token);

        var daily = (ICronTrigger)(await host.Scheduler.GetTrigger(JobKeys.DutyTrigger(BriefJob.DailyName), Token))!;
        var weekly = (ICronTrigger)(await host.Scheduler.GetTrigger(JobKeys.DutyTrigger(BriefJob.WeeklyName), Token))!;
        var alerts = (ICronTrigger)(await host.Scheduler.GetTrigger(JobKeys.DutyTrigger(AlertEvaluationJob.Name), Token))!;
        Assert.Equal(("0 30 7 * * ?", "0 0 8 ? * MON", "0 5 * * * ?"), (daily.CronExpressionString, weekly.CronExpressionString, alerts.CronExpressionString));
        var job = (await host.Scheduler.GetJobDetail(JobKeys.Duty(BriefJob.WeeklyName), Token))!;
        Assert.Equal(("Weekly", true), (job.JobDataMap.GetString(BriefJob.KindKey), job.ConcurrentExecutionDisallowed));
    }
}
