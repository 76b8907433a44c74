using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;
using Quartz;

namespace Monitor.Jobs.Tests.Sources;

public sealed class SourceScheduleTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminCronChangeReschedulesTheTriggerInChinaTime()
    {
        await using var host = await JobsHost.StartAsync();
        await host.Sources.AddOrUpdateAsync(Feed("0 0 3 * * ?"), Token);

        Assert.True(await host.Sources.UpdateCronAsync("f", "0 30 6 * * ?", Token));

        var trigger = Assert.IsType<ICronTrigger>(await host.Scheduler.GetTrigger(JobKeys.SourceTrigger("f"), Token), exactMatch: false);
        Assert.Equal("0 30 6 * * ?", trigger.CronExpressionString);
        var next = TimeZoneInfo.ConvertTime(trigger.NextFireTimeUtc!.Value, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal((6, 30), (next.Hour, next.Minute));
        var listed = Assert.Single(await host.Sources.ListAsync(Token));
        Assert.Equal("0 30 6 * * ?", listed.Source.Cron);
        Assert.False(await host.Sources.UpdateCronAsync("nope", "0 0 1 * * ?", Token));
    }

    [Fact]
    public async Task InvalidSourceIsRefusedWithEveryProblemNamed()
    {
        await using var host = await JobsHost.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.Sources.AddOrUpdateAsync(
            new SourceDefinition { Kind = "telegram", Id = "x", Cron = "every minute" }, Token));

        Assert.Contains("Kind must be one of", error.Message, StringComparison.Ordinal);
        Assert.Contains("'every minute' is not a Quartz cron", error.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Sources.ListAsync(Token));
    }

    [Fact]
    public async Task ConfigurationKeepsAnAdminEditUntilTheConfiguredCronChangesAndDropsSourcesNoLongerConfigured()
    {
        await using var host = await JobsHost.StartAsync();
        var schedule = (SourceSchedule)host.Sources;
        await schedule.ApplyConfigurationAsync([Feed("0 0 3 * * ?"), Feed("0 0 5 * * ?", "g")], Token);
        await host.Sources.UpdateCronAsync("f", "0 15 4 * * ?", Token);
        await host.Sources.AddOrUpdateAsync(Feed("0 0 7 * * ?", "by-admin"), Token);

        await schedule.ApplyConfigurationAsync([Feed("0 0 3 * * ?")], Token);
        var afterRestart = (await host.Sources.ListAsync(Token)).ToDictionary(s => s.Source.Id, s => s.Source.Cron);
        await schedule.ApplyConfigurationAsync([Feed("0 0 2 * * ?")], Token);
        var afterConfigChange = (await host.Sources.ListAsync(Token)).ToDictionary(s => s.Source.Id, s => s.Source.Cron);

        Assert.Equal(new Dictionary<string, string> { ["by-admin"] = "0 0 7 * * ?", ["f"] = "0 15 4 * * ?" }, afterRestart);
        Assert.Equal("0 0 2 * * ?", afterConfigChange["f"]);
    }

    private static SourceDefinition Feed(string cron, string id = "f") => new()
    {
        Kind = SourceKinds.Feed, Id = id, Url = new Uri("http://127.0.0.1:9/" + id + ".xml"), Cron = cron,
    };
}
