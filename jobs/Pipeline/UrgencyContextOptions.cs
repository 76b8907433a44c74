namespace Monitor.Jobs.Pipeline;

/// <summary>
/// The store signals of urgency (section <c>Urgency</c>): repeated contact by the same pseudonym and a growing
/// near-duplicate cluster. The points per signal are the scorer's (<c>nlp/Urgency/RuleUrgencyScorer.cs</c>: 8 per
/// earlier message, together with the text's own "again" words at most 20; a growing cluster up to 15); these say what
/// the store counts.
/// </summary>
public sealed class UrgencyContextOptions
{
    public const string SectionName = "Urgency";

    /// <summary>How far back the same pseudonym's earlier citizen messages count as repeated contact.</summary>
    public TimeSpan RepeatContactWindow { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The window a cluster's growth is counted in, ending at its newest member.</summary>
    public TimeSpan ClusterGrowthWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// Growth is new members in the window over the members before it, counting at least this many before it: two
    /// reposts of a fresh message grow it by 2/3, not by 200 % (the first member of a new cluster is not growth).
    /// </summary>
    public int ClusterGrowthBase { get; set; } = 3;

    /// <summary>
    /// At most this many still-open members of growing clusters get their urgency raised per pipeline batch (the
    /// newest of each cluster first), so one batch's extra writes stay bounded however large a campaign is; 0 leaves
    /// stored members as they are.
    /// </summary>
    public int MaxMemberUpdatesPerBatch { get; set; } = 256;
}
