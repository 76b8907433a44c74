using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// The jobs wired as a host wires them (AddIngest + AddJobs) on a real SQLite message store and a SQLite job store in
/// a folder of its own, with the scheduler started. <see cref="RunAsync"/> fires a source now and waits for its
/// health record to show the run.
/// </summary>
public sealed class JobsHost : IAsyncDisposable
{
    private readonly TestStore _store = new();
    private readonly ServiceProvider _services;

    private JobsHost(IDictionary<string, string?> settings, TimeProvider? clock)
    {
        settings["Monitor:DataDirectory"] = _store.Directory;
        settings["Jobs:InstanceName"] = "jobs-" + Guid.NewGuid().ToString("N");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (clock is not null)
        {
            // Registered first: AddJobs only adds the system clock when none is registered.
            services.AddSingleton(clock);
        }

        services.AddSingleton<IConfiguration>(configuration);
        services.AddIngest(configuration);
        services.AddSingleton(_store.Store);
        services.AddSingleton(IndexServiceCollectionExtensions.OpenSqliteQueries(Path.Combine(_store.Directory, "monitor.db")));
        services.AddJobs(configuration, runInBackground: false);
        _services = services.BuildServiceProvider();
    }

    public IMessageStore Store => _store.Store;

    public IServiceProvider Services => _services;

    public string DataDirectory => _store.Directory;

    public IScheduler Scheduler { get; private set; } = null!;

    public ISourceSchedule Sources => _services.GetRequiredService<ISourceSchedule>();

    public ISourceHealth Health => _services.GetRequiredService<ISourceHealth>();

    public static async Task<JobsHost> StartAsync(IDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var host = new JobsHost(settings ?? new Dictionary<string, string?>(), clock);
        host.Scheduler = await host._services.GetRequiredService<ISchedulerFactory>().GetScheduler(TestContext.Current.CancellationToken);
        await host.Scheduler.Start(TestContext.Current.CancellationToken);
        return host;
    }

    /// <summary>Fires the source once, now, and waits until its health record changed (success or failure).</summary>
    public async Task<SourceHealth> RunAsync(string sourceId)
    {
        var before = await Health.GetAsync(sourceId, TestContext.Current.CancellationToken);
        await Scheduler.TriggerJob(JobKeys.Source(sourceId), TestContext.Current.CancellationToken);
        SourceHealth? after = null;
        await Eventually.TrueAsync(async () =>
        {
            after = await Health.GetAsync(sourceId, TestContext.Current.CancellationToken);
            // The API status holds dictionaries (compared by reference): a run is seen by the rest of the record.
            return after is not null && after with { WeChatApi = null } != (before is null ? null : before with { WeChatApi = null });
        }, $"source {sourceId} ran");
        return after!;
    }

    public async ValueTask DisposeAsync()
    {
        await Scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
        await _services.DisposeAsync();
        _store.Dispose();
    }
}
