namespace Monitor.Index.Cases;

/// <summary>Where a citizen message is in the responders' workflow.</summary>
/// <param name="Status"><c>open</c>, <c>assigned</c>, <c>replied</c> or <c>resolved</c>.</param>
/// <param name="Assignee">The responder it was given to.</param>
/// <param name="Deadline">When it must be answered (48 hours after it arrived unless reset).</param>
/// <param name="FirstReplyAt">When the account first answered.</param>
/// <param name="ResolvedAt">When it was closed.</param>
public sealed record CaseState(
    string Status,
    string? Assignee,
    DateTimeOffset? Deadline,
    DateTimeOffset? FirstReplyAt,
    DateTimeOffset? ResolvedAt)
{
    public const string Open = "open";
    public const string Assigned = "assigned";
    public const string Replied = "replied";
    public const string Resolved = "resolved";
}
