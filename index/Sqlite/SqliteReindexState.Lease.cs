using Microsoft.Data.Sqlite;
using Monitor.Index.Elasticsearch;

namespace Monitor.Index.Sqlite;

/// <summary>
/// The reindex lease (schema 9): one row per target in <c>reindex_leases</c>, taken in a write transaction (so two runs
/// that start at the same moment cannot both see it free), renewed by its holder while it runs, deleted when it ends,
/// and taken over by the next run once it has expired (its holder was killed and never deleted it).
/// </summary>
internal sealed partial class SqliteReindexState
{
    public const string CreateLeaseTable = """
        CREATE TABLE reindex_leases (
            target TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            host TEXT NOT NULL,
            pid INTEGER NOT NULL,
            user TEXT NOT NULL,
            taken_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );

        """;

    /// <summary>
    /// Takes <paramref name="wanted"/>'s target for it unless another holder's lease is still valid at
    /// <paramref name="now"/>; returns null when taken, else the holder in the way.
    /// </summary>
    public async Task<ReindexLease?> TryTakeLeaseAsync(ReindexLease wanted, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        // BEGIN IMMEDIATE: the read and the write below are one step for every other writer of the file.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var holder = await ReadLeaseAsync(connection, transaction, wanted.Target, cancellationToken);
        if (holder is not null && holder.Owner != wanted.Owner && holder.ExpiresAt > now)
        {
            return holder;
        }

        await using var take = connection.CreateCommand();
        take.Transaction = transaction;
        take.CommandText = """
            INSERT OR REPLACE INTO reindex_leases (target, owner, host, pid, user, taken_at, expires_at)
            VALUES ($target, $owner, $host, $pid, $user, $taken, $expires);
            """;
        take.Parameters.AddWithValue("$target", wanted.Target);
        take.Parameters.AddWithValue("$owner", wanted.Owner);
        take.Parameters.AddWithValue("$host", wanted.Host);
        take.Parameters.AddWithValue("$pid", wanted.ProcessId);
        take.Parameters.AddWithValue("$user", wanted.User);
        take.Parameters.AddWithValue("$taken", wanted.TakenAt.ToUnixTimeMilliseconds());
        take.Parameters.AddWithValue("$expires", wanted.ExpiresAt.ToUnixTimeMilliseconds());
        await take.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Moves the lease's expiry to <paramref name="expiresAt"/>; false when <paramref name="lease"/>'s run no longer holds it.</summary>
    public async Task<bool> RenewLeaseAsync(ReindexLease lease, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE reindex_leases SET expires_at = $expires WHERE target = $target AND owner = $owner;";
        command.Parameters.AddWithValue("$expires", expiresAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$target", lease.Target);
        command.Parameters.AddWithValue("$owner", lease.Owner);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Gives the lease up if <paramref name="lease"/>'s run still holds it (a run that took it over keeps it).</summary>
    public async Task ReleaseLeaseAsync(ReindexLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM reindex_leases WHERE target = $target AND owner = $owner;";
        command.Parameters.AddWithValue("$target", lease.Target);
        command.Parameters.AddWithValue("$owner", lease.Owner);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The lease on <paramref name="target"/> as stored (expired or not), or null when nobody holds one.</summary>
    public async Task<ReindexLease?> LeaseAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        return await ReadLeaseAsync(connection, null, target, cancellationToken);
    }

    private static async Task<ReindexLease?> ReadLeaseAsync(SqliteConnection connection, SqliteTransaction? transaction, string target, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT owner, host, pid, user, taken_at, expires_at FROM reindex_leases WHERE target = $target;";
        command.Parameters.AddWithValue("$target", target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReindexLease(
                target, reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)))
            : null;
    }
}
