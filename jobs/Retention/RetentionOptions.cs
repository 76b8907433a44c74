namespace Monitor.Jobs.Retention;

/// <summary>
/// The retention and erasure duty, bound from the configuration section <c>Retention</c> (e.g. <c>Retention__Days=1095</c>).
/// Retention is off by default (<see cref="Days"/> = 0): deleting citizens' messages is a decision of the deploying
/// office, not of a default. Erasure requests queued by an admin are carried out on every run either way.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Messages and raw deliveries that reached us more than this many days ago are deleted, with their analyses,
    /// counts, cases and label corrections. 0 keeps everything. Counted from arrival, not from the message's own time,
    /// so an import of old public data is kept as long as anything else that arrived that day.
    /// </summary>
    public int Days { get; set; }

    /// <summary>Cron (Quartz syntax, in the scheduler's time zone) of the duty; 02:30 every night by default.</summary>
    public string Cron { get; set; } = "0 30 2 * * ?";

    /// <summary>Messages removed per transaction, so the callback never waits long behind a purge.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>The queue of erasure requests and the log of runs, in the data folder.</summary>
    public string DatabaseFile { get; set; } = "retention.db";
}
