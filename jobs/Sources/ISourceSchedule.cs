namespace Monitor.Jobs.Sources;

/// <summary>
/// The admin's handle on the source schedule: add, change or remove a source and its cron at run time. Changes go
/// straight to the Quartz job store, so they survive restarts and reach every node of a cluster.
/// </summary>
public interface ISourceSchedule
{
    /// <summary>Schedules a new source or replaces one (its next fire follows the new cron). Throws on an invalid definition.</summary>
    Task AddOrUpdateAsync(SourceDefinition source, CancellationToken cancellationToken);

    /// <summary>Changes only the cron of a scheduled source; false when there is no such source.</summary>
    Task<bool> UpdateCronAsync(string sourceId, string cron, CancellationToken cancellationToken);

    /// <summary>Stops polling a source; false when there was no such source.</summary>
    Task<bool> RemoveAsync(string sourceId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ScheduledSource>> ListAsync(CancellationToken cancellationToken);
}
