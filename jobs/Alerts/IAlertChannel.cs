namespace Monitor.Jobs.Alerts;

/// <summary>Somewhere a digest goes: a group robot, a mailbox.</summary>
internal interface IAlertChannel
{
    string Name { get; }

    /// <summary>False when the channel is not configured.</summary>
    bool Enabled { get; }

    Task SendAsync(AlertDigest digest, CancellationToken cancellationToken);
}
