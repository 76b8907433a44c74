using Microsoft.Extensions.Logging;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// Sends a digest to every configured channel; one channel failing does not keep the others from their message.
/// The dashboard channel is the alert log itself (<see cref="IAlertFeed"/>), written before anything is sent.
/// </summary>
internal sealed partial class AlertDispatcher(IEnumerable<IAlertChannel> channels, ILogger<AlertDispatcher> logger)
{
    /// <summary>Returns the names of the channels that failed.</summary>
    public async Task<IReadOnlyList<string>> SendAsync(AlertDigest digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var failed = new List<string>();
        foreach (var channel in channels.Where(c => c.Enabled))
        {
            try
            {
                await channel.SendAsync(digest, cancellationToken);
                LogSent(channel.Name, digest.Notices.Count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed.Add(channel.Name);
                LogFailed(ex, channel.Name, digest.Notices.Count);
            }
        }

        return failed;
    }

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information, Message = "Alert digest with {Notices} notices sent to {Channel}")]
    private partial void LogSent(string channel, int notices);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Warning, Message = "Alert digest with {Notices} notices could not be sent to {Channel}")]
    private partial void LogFailed(Exception exception, string channel, int notices);
}
