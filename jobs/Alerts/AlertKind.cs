namespace Monitor.Jobs.Alerts;

public enum AlertKind
{
    /// <summary>The count reached the threshold.</summary>
    Fired,

    /// <summary>恢复: a firing rule's count fell back under its threshold.</summary>
    Recovered,
}
