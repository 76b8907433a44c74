namespace Monitor.Dashboard.Accounts;

/// <summary>A dashboard user as stored; the password only as a hash.</summary>
internal sealed record UserAccount(string Name, string Role, string PasswordHash, int FailedLogins, DateTimeOffset? LockedUntil);
