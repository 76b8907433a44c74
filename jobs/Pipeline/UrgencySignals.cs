namespace Monitor.Jobs.Pipeline;

/// <summary>
/// What the store adds to a message's urgency: the same pseudonym's earlier citizen messages in the window, and how
/// much the message's near-duplicate cluster grew (new members in the window / members before it).
/// </summary>
public sealed record UrgencySignals(int RepeatContacts, double ClusterGrowth)
{
    public static readonly UrgencySignals None = new(0, 0);
}
