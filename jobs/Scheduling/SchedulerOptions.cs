namespace Monitor.Jobs.Scheduling;

/// <summary>The scheduler settings, bound from the configuration section <c>Jobs</c>.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Jobs";

    /// <summary><c>sqlite</c> (default) or <c>postgres</c>.</summary>
    public JobStoreKind Store { get; set; } = JobStoreKind.Sqlite;

    /// <summary>
    /// The job store's connection string. Required for <c>postgres</c>; for <c>sqlite</c> it defaults to
    /// <c>quartz.db</c> in <c>Monitor:DataDirectory</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>All nodes of one cluster share this name; it also keys their rows in the job store.</summary>
    public string InstanceName { get; set; } = "monitor";

    /// <summary>This node's id in a cluster; empty means generated (host name + time), which is what Quartz needs.</summary>
    public string? InstanceId { get; set; }

    /// <summary>How many jobs one node runs at once.</summary>
    public int MaxConcurrency { get; set; } = 4;

    /// <summary>A fire later than this is a misfire and follows the trigger's misfire instruction.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a clustered node checks in; a node silent for about twice this is taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed source poll after the first failure (0 turns retries off).</summary>
    public int RetryAttempts { get; set; } = 3;

    /// <summary>The wait before the first retry; each further wait doubles, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Cron (Quartz syntax, China time) of the analysis catch-up job; every minute by default.</summary>
    public string AnalysisCatchUpCron { get; set; } = "0 * * * * ?";

    /// <summary>The time zone of every cron; China Standard Time.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
