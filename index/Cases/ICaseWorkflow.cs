namespace Monitor.Index.Cases;

/// <summary>
/// The responders' workflow on citizen messages. A citizen message (WeChat message, comment, imported hotline
/// record) opens a case when it is stored, due 48 hours later (the WeChat customer-service window). Each method
/// returns false when the message is not a case.
/// </summary>
public interface ICaseWorkflow
{
    /// <summary>Gives the case to a responder, optionally with a new deadline; a replied case stays replied.</summary>
    Task<bool> AssignAsync(long messageId, string assignee, DateTimeOffset? deadline, CancellationToken cancellationToken);

    /// <summary>Records a reply; the first reply's time is kept for the scorecard.</summary>
    Task<bool> ReplyAsync(long messageId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> ResolveAsync(long messageId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Reopens a resolved case (the citizen wrote back).</summary>
    Task<bool> ReopenAsync(long messageId, CancellationToken cancellationToken);
}
