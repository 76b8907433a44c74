using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs.Retention;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Tests.Support;
using Quartz;

namespace Monitor.Jobs.Tests.Retention;

/// <summary>The retention and erasure duty fired by the real scheduler on its SQLite job store, against a real message store.</summary>
public sealed class RetentionJobTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DutyPurgesWhatArrivedBeforeTheRetentionAndCarriesOutQueuedErasures()
    {
        await using var host = await JobsHost.StartAsync(new Dictionary<string, string?> { ["Retention:Days"] = "365", ["Retention:BatchSize"] = "2" });
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        var recent = DateTimeOffset.UtcNow.AddDays(-3);
        for (var i = 0; i < 5; i++)
        {
            await IngestAsync(host.Store, "old" + i, "u_old", old.AddMinutes(i));
        }

        await IngestAsync(host.Store, "keep1", "u_alice", recent);
        await IngestAsync(host.Store, "keep2", "u_bob", recent);
        await IngestAsync(host.Store, "keep3", "u_alice", recent.AddMinutes(1));
        var requests = host.Services.GetRequiredService<IErasureRequests>();
        var request = await requests.RequestAsync("u_alice", "admin", DateTimeOffset.UtcNow, Token);
        await RetentionSchedule.ScheduleAsync(host.Scheduler, new RetentionOptions { Days = 365 }, new SchedulerOptions(), Token);

        await host.Scheduler.TriggerJob(JobKeys.Duty(RetentionJob.Name), Token);
        await Eventually.TrueAsync(async () => (await requests.RunsAsync(10, Token)).Count > 0, "the retention duty ran");

        var run = Assert.Single(await requests.RunsAsync(10, Token));
        Assert.Equal(5, run.MessagesRemoved);
        Assert.Equal(5, run.DeliveriesRemoved);
        Assert.Equal(1, run.Erasures);
        Assert.Equal(2, run.MessagesErased);
        var left = await host.Store.ExportAsync(Token).ToListAsync(Token);
        Assert.Equal(["keep1", "keep2", "keep3"], left.Select(m => m.Message.SourceId));
        Assert.Equal("u_bob", left[1].Message.Author);
        Assert.All(new[] { left[0], left[2] }, m => Assert.StartsWith("x_", m.Message.Author, StringComparison.Ordinal));
        Assert.Equal(3, (await host.Store.CountAsync(Token)).Deliveries);

        // The request is done, and keeps only the start of the pseudonym for the audit.
        var done = Assert.Single(await requests.ListAsync(10, Token));
        Assert.Equal(request.Id, done.Id);
        Assert.NotNull(done.DoneAt);
        Assert.Equal(2, done.MessagesErased);
        Assert.DoesNotContain("u_alice", done.Pseudonym, StringComparison.Ordinal);

        // Stored with its policies: never two runs at once, a missed night fires once when the scheduler is back.
        var job = await host.Scheduler.GetJobDetail(JobKeys.Duty(RetentionJob.Name), Token);
        Assert.True(job!.ConcurrentExecutionDisallowed);
        var trigger = await host.Scheduler.GetTrigger(JobKeys.DutyTrigger(RetentionJob.Name), Token);
        Assert.Equal(CronTriggerMisfireInstruction.FireAndProceed, Assert.IsAssignableFrom<ICronTrigger>(trigger).MisfireInstruction);
    }

    [Fact]
    public async Task WithRetentionOffOnlyErasuresAreCarriedOut()
    {
        await using var host = await JobsHost.StartAsync();
        await IngestAsync(host.Store, "ancient", "u_old", DateTimeOffset.UtcNow.AddYears(-5));
        await IngestAsync(host.Store, "mine", "u_carol", DateTimeOffset.UtcNow);
        var requests = host.Services.GetRequiredService<IErasureRequests>();
        await RetentionSchedule.ScheduleAsync(host.Scheduler, new RetentionOptions(), new SchedulerOptions(), Token);

        // The request itself fires the duty: no nightly wait.
        await requests.RequestAsync("u_carol", "admin", DateTimeOffset.UtcNow, Token);
        await Eventually.TrueAsync(async () => (await requests.RunsAsync(10, Token)).Count > 0, "the erasure request fired the duty");

        var run = Assert.Single(await requests.RunsAsync(10, Token));
        Assert.Null(run.Cutoff);
        Assert.Equal(0, run.MessagesRemoved);
        Assert.Equal(1, run.MessagesErased);
        var left = await host.Store.ExportAsync(Token).ToListAsync(Token);
        Assert.Equal(2, left.Count);
        Assert.DoesNotContain(left, m => m.Message.Author == "u_carol");
    }

    private static Task<IngestOutcome> IngestAsync(IMessageStore store, string id, string author, DateTimeOffset at) =>
        store.IngestAsync(
            new RawDelivery { Channel = "test", ReceivedAt = at, Body = Encoding.UTF8.GetBytes("<xml>" + id + "</xml>") },
            new Message { SourceKind = "wechat", SourceId = id, Account = "gh_test", Author = author, Time = at, Text = "河道污染 " + id },
            Token);
}
