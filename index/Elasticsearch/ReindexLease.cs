using System.Globalization;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// Who is copying the store into one Elasticsearch target (its index prefix) right now: a run id, the host, process
/// and OS user that started it, when it took the lease, and until when it holds it unless it renews it. A second
/// <c>monitor reindex</c> for the same target refuses to start while the lease is held; a run that was killed stops
/// renewing, and once <see cref="ExpiresAt"/> has passed the next run takes the lease over.
/// </summary>
public sealed record ReindexLease(string Target, string Owner, string Host, int ProcessId, string User, DateTimeOffset TakenAt, DateTimeOffset ExpiresAt)
{
    /// <summary>A new holder for this process: a fresh run id, so two runs in one process are told apart too.</summary>
    public static ReindexLease ForThisProcess(string target, DateTimeOffset now, TimeSpan duration) => new(
        target, Guid.NewGuid().ToString("N"), Environment.MachineName, Environment.ProcessId, Environment.UserName, now, now + duration);

    /// <summary><c>pid 4242 on web-1 (user monitor), since 2026-11-26 09:30:01Z, until 2026-11-26 09:31:01Z</c></summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"pid {ProcessId} on {Host} (user {User}), since {TakenAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, until {ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z");
}

/// <summary>A reindex did not start: another run holds the target's lease (<see cref="Holder"/>).</summary>
public sealed class ReindexLeaseHeldException : InvalidOperationException
{
    public ReindexLeaseHeldException(ReindexLease holder)
        : base(Text(holder)) => Holder = holder;

    public ReindexLease Holder { get; }

    private static string Text(ReindexLease holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        return $"Another reindex into '{holder.Target}' is running: {holder.Describe()} (UTC). This run copied nothing. " +
               $"Let that run finish; if its process is gone (killed), its lease expires at {holder.ExpiresAt.UtcDateTime:HH:mm:ss}Z and the next run takes it over.";
    }
}
