namespace Monitor.Jobs.Briefs;

public enum BriefKind
{
    /// <summary>One China-time day, compared with the day before.</summary>
    Daily,

    /// <summary>One week from Monday, compared with the week before.</summary>
    Weekly,
}
