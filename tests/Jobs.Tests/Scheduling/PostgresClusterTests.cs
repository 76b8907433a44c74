using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Tests.Support;
using Npgsql;
using Quartz;

namespace Monitor.Jobs.Tests.Scheduling;

public sealed class PostgresClusterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodesFireEachOccurrenceOnceAndTheSurvivorTakesOverWhenOneStops()
    {
        var connectionString = await Postgres.RequireAsync();
        var run = Guid.NewGuid().ToString("N");
        var cluster = "cluster-" + run;
        var a = await NodeAsync(connectionString, cluster, "node-a");
        var b = await NodeAsync(connectionString, cluster, "node-b");
        IScheduler? survivor = null;
        IScheduler? stopped = null;
        try
        {
            Assert.True((await a.GetMetadata(Token)).JobStoreClustered);
            var job = JobBuilder.Create<RecordingJob>().WithIdentity("tick", "test").UsingJobData(RecordingJob.RunKey, run)
                .UsingJobData(RecordingJob.SleepKey, "50").Build();
            var trigger = TriggerBuilder.Create().WithIdentity("tick", "test").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(500)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await a.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, Token);
            await a.Start(Token);
            await b.Start(Token);
            await Eventually.TrueAsync(() => RecordingJob.FiresOf(run).Count >= 8, "the cluster fired the job eight times");

            // Stop the node that has been firing; the other must carry on with the same trigger.
            var busiest = RecordingJob.FiresOf(run).GroupBy(f => f.Node).OrderByDescending(g => g.Count()).First().Key;
            var (stopping, other) = busiest == "node-a" ? (a, b) : (b, a);
            await stopping.Shutdown(waitForJobsToComplete: true, Token);
            stopped = stopping;
            survivor = other;
            var stoppedAt = DateTimeOffset.UtcNow;
            var otherName = busiest == "node-a" ? "node-b" : "node-a";
            await Eventually.TrueAsync(
                () => RecordingJob.FiresOf(run).Count(f => f.Node == otherName && f.ScheduledAt > stoppedAt) >= 4,
                $"{otherName} fired four times after {busiest} stopped");
        }
        finally
        {
            foreach (var node in new[] { a, b })
            {
                if (!ReferenceEquals(node, stopped))
                {
                    await node.Shutdown(waitForJobsToComplete: true, Token);
                }
            }
        }

        var fires = RecordingJob.FiresOf(run);
        var duplicates = fires.GroupBy(f => f.ScheduledAt).Where(g => g.Count() > 1).Select(g => $"{g.Key:O} on {string.Join(", ", g.Select(f => f.Node))}").ToList();
        Assert.True(duplicates.Count == 0, "fired more than once: " + string.Join("; ", duplicates));
        Assert.NotNull(survivor);
    }

    [Fact]
    public async Task WhenTheFiringNodeDiesWithoutShuttingDownTheOtherTakesItsTriggerOver()
    {
        var connectionString = await Postgres.RequireAsync();
        var upstream = new NpgsqlConnectionStringBuilder(connectionString);
        await using var proxy = new TcpProxy(upstream.Host!, upstream.Port);
        var throughProxy = new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = proxy.Port, Pooling = false, Timeout = 5, CommandTimeout = 5 }.ConnectionString;
        var run = Guid.NewGuid().ToString("N");
        var cluster = "killed-" + run;
        var doomed = await NodeAsync(throughProxy, cluster, "node-a");
        var survivor = await NodeAsync(connectionString, cluster, "node-b");
        try
        {
            var job = JobBuilder.Create<RecordingJob>().WithIdentity("tick", "test").UsingJobData(RecordingJob.RunKey, run).Build();
            var trigger = TriggerBuilder.Create().WithIdentity("tick", "test").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMilliseconds(500)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
                .Build();
            await doomed.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, Token);
            await doomed.Start(Token);
            await Eventually.TrueAsync(() => RecordingJob.FiresOf(run).Count(f => f.Node == "node-a") >= 3, "node-a fired three times");
            await survivor.Start(Token);

            // node-a loses its database as a killed process would: no shutdown, no last check-in.
            proxy.Cut();
            var cutAt = DateTimeOffset.UtcNow;
            await Eventually.TrueAsync(
                () => RecordingJob.FiresOf(run).Count(f => f.Node == "node-b" && f.ScheduledAt > cutAt) >= 4,
                "node-b took the trigger over and fired it four times");
        }
        finally
        {
            await survivor.Shutdown(waitForJobsToComplete: true, Token);
            // The takeover is proven; give the dead node its database back so it can stop cleanly instead of
            // leaving threads behind in the test process.
            await proxy.HealAsync();
            await doomed.Shutdown(waitForJobsToComplete: false, Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Token);
        }

        var fires = RecordingJob.FiresOf(run);
        var duplicates = fires.GroupBy(f => f.ScheduledAt).Where(g => g.Count() > 1).Select(g => $"{g.Key:O} on {string.Join(", ", g.Select(f => f.Node))}").ToList();
        Assert.True(duplicates.Count == 0, "fired more than once: " + string.Join("; ", duplicates));
    }

    private static async Task<IScheduler> NodeAsync(string connectionString, string cluster, string node)
    {
        var options = new SchedulerOptions
        {
            Store = JobStoreKind.Postgres,
            ConnectionString = connectionString,
            InstanceName = cluster,
            InstanceId = node,
            ClusterCheckinInterval = TimeSpan.FromSeconds(1),
            MisfireThreshold = TimeSpan.FromSeconds(1),
        };
        // Each node is its own container, as each worker process is.
        return await QuartzSchedulerBuilder.Create(q => JobStoreSetup.Configure(q, options, Path.GetTempPath())).BuildScheduler(Token);
    }
}
