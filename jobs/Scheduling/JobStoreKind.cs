namespace Monitor.Jobs.Scheduling;

/// <summary>Where Quartz keeps its jobs, triggers and fire state.</summary>
public enum JobStoreKind
{
    /// <summary><c>quartz.db</c> in the data folder: one scheduler process, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by several worker processes in one Quartz cluster.</summary>
    Postgres,
}
