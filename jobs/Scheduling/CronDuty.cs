using Quartz;

namespace Monitor.Jobs.Scheduling;

/// <summary>
/// Puts one of the system's own duties (alert evaluation, briefs, retention, retraining) into the job store on a cron
/// in the scheduler's time zone, replacing a stored one so a changed cron applies at the next start.
/// </summary>
internal static class CronDuty
{
    /// <summary>
    /// Schedules <typeparamref name="TJob"/> as the duty <c>name</c>. <c>recoverAfterCrash</c>: a firing cut short by a
    /// crash runs again when the scheduler is back; <c>runMissedOnce</c>: a firing missed while the scheduler was down
    /// runs once when it is back (else it is skipped); <c>data</c> goes into the job's data map.
    /// </summary>
    public static async Task ScheduleAsync<TJob>(
        IScheduler scheduler,
        string name,
        string cron,
        SchedulerOptions options,
        CancellationToken cancellationToken,
        bool recoverAfterCrash = true,
        bool runMissedOnce = true,
        IDictionary<string, string>? data = null)
        where TJob : IJob
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var builder = JobBuilder.Create<TJob>().WithIdentity(JobKeys.Duty(name)).StoreDurably().RequestRecovery(recoverAfterCrash);
        foreach (var (key, value) in data ?? new Dictionary<string, string>())
        {
            builder = builder.UsingJobData(key, value);
        }

        var job = builder.Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(JobKeys.DutyTrigger(name))
            .ForJob(job)
            .WithCronSchedule(cron, c =>
            {
                c.InTimeZone(zone);
                if (runMissedOnce)
                {
                    c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed);
                }
                else
                {
                    c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing);
                }
            })
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
