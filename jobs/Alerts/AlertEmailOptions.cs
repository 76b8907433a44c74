namespace Monitor.Jobs.Alerts;

/// <summary>The e-mail channel (section <c>Alerts:Email</c>); off while <see cref="Host"/> is empty.</summary>
public sealed class AlertEmailOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>Auto</c>, <c>SslOnConnect</c>, <c>StartTls</c> or <c>StartTlsWhenAvailable</c>.</summary>
    public string Security { get; set; } = "StartTlsWhenAvailable";

    public string? UserName { get; set; }

    /// <summary>From the environment (<c>Alerts__Email__Password</c>), never from a file in the repository.</summary>
    public string? Password { get; set; }

    public string? From { get; set; }

    public IList<string> To { get; } = [];
}
