using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs.Jobs;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Jobs.Tests.Support;
using Quartz;

namespace Monitor.Jobs.Tests.Scheduling;

/// <summary>The jobs as <c>monitor worker</c> hosts them: configured sources fire on their cron from the persistent store.</summary>
public sealed class WorkerHostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfiguredSourceFiresOnItsCronAndTheScheduleIsStillThereAfterARestart()
    {
        await using var site = await LocalSite.StartAsync();
        site.Serve("feed.xml", """
            <?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
            <item><title>通知</title><link>https://example.gov.cn/1</link><guid>1</guid><description>正文</description></item></channel></rss>
            """, "application/rss+xml", "\"e1\"");
        var settings = new Dictionary<string, string?>
        {
            ["Sources:0:Kind"] = "feed",
            ["Sources:0:Id"] = "every-second",
            ["Sources:0:Url"] = site.Url("feed.xml").AbsoluteUri,
            ["Sources:0:Cron"] = "* * * * * ?",
        };

        using (var host = Build(settings))
        {
            await host.StartAsync(Token);
            var health = host.Services.GetRequiredService<ISourceHealth>();
            await Eventually.TrueAsync(async () => (await health.GetAsync("every-second", Token))?.LastSuccessAt is not null, "the configured feed fired on its cron");
            await host.StopAsync(Token);
        }

        var requestsBeforeRestart = site.Log.Count;
        using (var restarted = Build(settings))
        {
            await restarted.StartAsync(Token);
            // The ETag of the first run is in the persisted job data: the restarted worker's first poll is conditional.
            await Eventually.TrueAsync(() => site.Log.Skip(requestsBeforeRestart).Contains("/feed.xml 304"), "the restarted worker sent the stored ETag");
            var scheduler = await restarted.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(Token);
            var keys = (await scheduler.QueryJobs(new JobQuery(), Token)).Items.Select(j => j.Key).ToList();
            await restarted.StopAsync(Token);
            Assert.Contains(JobKeys.Source("every-second"), keys);
            Assert.Contains(JobKeys.Duty(AnalysisCatchUpJob.Name), keys);
        }

        Assert.True(File.Exists(Path.Combine(_directory, JobStoreSetup.QuartzDatabaseFile)));
        Assert.DoesNotContain("/feed.xml 200", site.Log.Skip(requestsBeforeRestart));
    }

    [Fact]
    public async Task InvalidSourcesStopTheStartWithEveryProblemNamed()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Sources:0:Kind"] = "feed", ["Sources:0:Id"] = "a", ["Sources:0:Cron"] = "0 0 3 * * ?",
            ["Sources:1:Kind"] = "page", ["Sources:1:Id"] = "a", ["Sources:1:Url"] = "https://example.gov.cn/", ["Sources:1:Cron"] = "hourly",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Equal(3, error.Failures.Count());
        Assert.Contains(error.Failures, f => f.StartsWith("Sources:0 ('a'): Url", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("'hourly' is not a Quartz cron", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("used twice", StringComparison.Ordinal));
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

    private IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["Monitor:DataDirectory"] = _directory;
        settings["Jobs:InstanceName"] = "worker-" + Path.GetFileName(_directory);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddIngest(builder.Configuration);
        builder.Services.AddIndex(builder.Configuration);
        builder.Services.AddSingleton(Models.Segmenter);
        builder.Services.AddSingleton(Models.Sentiment);
        builder.Services.AddSingleton(Models.Understanding(Models.Sentiment));
        builder.Services.AddJobs(builder.Configuration, runInBackground: true);
        return builder.Build();
    }
}
