using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Tests.Support;
using Quartz;

namespace Monitor.Jobs.Tests.Scheduling;

public sealed class SqliteJobStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    public SqliteJobStoreTests() => Directory.CreateDirectory(_directory);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JobScheduledBeforeARestartIsListedAndFiresAfterIt()
    {
        var run = Guid.NewGuid().ToString("N");
        var options = new SchedulerOptions { InstanceName = "restart-" + run };
        var first = await BuildAsync(options);
        var job = JobBuilder.Create<RecordingJob>().WithIdentity("late", "test").UsingJobData(RecordingJob.RunKey, run).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity("late", "test").StartAt(DateTimeOffset.UtcNow.AddSeconds(3))
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        await first.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, Token);
        await first.Shutdown(waitForJobsToComplete: true, Token);
        Assert.Empty(RecordingJob.FiresOf(run));
        Assert.True(File.Exists(Path.Combine(_directory, JobStoreSetup.QuartzDatabaseFile)));

        var second = await BuildAsync(options);
        try
        {
            var jobs = (await second.QueryJobs(new JobQuery(), Token)).Items;
            Assert.Contains(jobs, j => j.Key.Equals(new JobKey("late", "test")));
            Assert.True((await second.GetMetadata(Token)).JobStorePersistent);
            await second.Start(Token);
            await Eventually.TrueAsync(() => RecordingJob.FiresOf(run).Count == 1, "the job scheduled before the restart fired");
        }
        finally
        {
            await second.Shutdown(waitForJobsToComplete: true, Token);
        }
    }

    [Fact]
    public async Task DisallowConcurrentExecutionKeepsOneRunAtATimeOnAFastTrigger()
    {
        var run = Guid.NewGuid().ToString("N");
        var scheduler = await BuildAsync(new SchedulerOptions { InstanceName = "single-" + run, MaxConcurrency = 4 });
        try
        {
            var job = JobBuilder.Create<RecordingJob>().WithIdentity("slow", "test")
                .UsingJobData(RecordingJob.RunKey, run).UsingJobData(RecordingJob.SleepKey, "400").Build();
            var trigger = TriggerBuilder.Create().WithIdentity("slow", "test").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(100)).RepeatForever()).Build();
            await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, Token);
            await scheduler.Start(Token);
            await Eventually.TrueAsync(() => RecordingJob.FiresOf(run).Count >= 4, "the slow job ran four times");
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, Token);
        }

        Assert.Equal(1, RecordingJob.MaxConcurrentOf(run));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    private async Task<IScheduler> BuildAsync(SchedulerOptions options) =>
        await QuartzSchedulerBuilder.Create(q => JobStoreSetup.Configure(q, options, _directory)).BuildScheduler(Token);
}
