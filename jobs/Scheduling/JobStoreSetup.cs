using Microsoft.Extensions.Configuration;
using Monitor.Ingest;
using Quartz;

namespace Monitor.Jobs.Scheduling;

/// <summary>Configures Quartz's persistent ADO.NET job store from <see cref="SchedulerOptions"/>.</summary>
public static class JobStoreSetup
{
    public const string QuartzDatabaseFile = "quartz.db";

    /// <summary>
    /// The SQLite job store's connection string: <c>quartz.db</c> in the data folder unless configured. The folder must
    /// exist when the scheduler is built (hosts that run the scheduler create it; one-shot commands leave the disk alone).
    /// </summary>
    public static string ConnectionString(SchedulerOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        return "Data Source=" + Path.Combine(Path.GetFullPath(dataDirectory), QuartzDatabaseFile);
    }

    public static string DataDirectory(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[IngestServiceCollectionExtensions.DataDirectoryKey] is { Length: > 0 } directory
            ? directory
            : IngestServiceCollectionExtensions.DefaultDataDirectory;
    }

    /// <summary>
    /// SQLite: one node, <c>quartz.db</c>. PostgreSQL: clustered, every node with its own instance id; a node that stops
    /// checking in for two intervals is dead and its triggers (and interrupted fires) go to the others.
    /// The schema is created when missing (Quartz ships the scripts; it never migrates, so the version is pinned).
    /// </summary>
    public static void Configure(IQuartzBuilder quartz, SchedulerOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        var clustered = options.Store == JobStoreKind.Postgres;
        quartz.ConfigureScheduler(o =>
        {
            o.InstanceName = options.InstanceName;
            if (clustered)
            {
                o.InstanceId = string.IsNullOrWhiteSpace(options.InstanceId)
                    ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}"
                    : options.InstanceId;
            }
        });
        quartz.UseDefaultThreadPool(options.MaxConcurrency);
        if (options.RetryAttempts > 0)
        {
            // A failed poll (the job throws) is fired again after 30 s, 60 s, 120 s ... by Quartz itself; the attempt
            // is stored with the trigger, so a retry survives a restart and a node failover. A retry never displaces
            // the next regular fire. Jobs that must not be retried say so with [RetryPolicy(0)].
            quartz.UseDefaultRetryPolicy(RetryPolicy.Exponential(options.RetryAttempts, options.RetryInitialDelay, 2.0, options.RetryMaxDelay));
        }

        quartz.UsePersistentStore(store =>
        {
            if (clustered)
            {
                store.UsePostgres(options.ConnectionString!);
                store.UseClustering(c =>
                {
                    c.CheckinInterval = options.ClusterCheckinInterval;
                    c.CheckinMisfireThreshold = options.ClusterCheckinInterval * 2;
                });
            }
            else
            {
                store.UseSqlite(ConnectionString(options, dataDirectory));
            }

            store.ProvisionSchema();
            store.UseSystemTextJsonSerializer();
            store.ConfigureStore(o => o.MisfireThreshold = options.MisfireThreshold);
        });
    }
}
