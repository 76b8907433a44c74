using Quartz;

namespace Monitor.Jobs.Scheduling;

/// <summary>The names jobs and triggers are stored under.</summary>
public static class JobKeys
{
    public const string SourceGroup = "sources";
    public const string DutyGroup = "duties";

    public static JobKey Source(string sourceId) => new(sourceId, SourceGroup);

    public static TriggerKey SourceTrigger(string sourceId) => new(sourceId, SourceGroup);

    public static JobKey Duty(string name) => new(name, DutyGroup);

    public static TriggerKey DutyTrigger(string name) => new(name, DutyGroup);
}
