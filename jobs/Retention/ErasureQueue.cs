using Microsoft.Data.Sqlite;

using static Monitor.Jobs.Storage.LocalSqlite;

namespace Monitor.Jobs.Retention;

/// <summary>
/// The duty's own small SQLite file (<c>retention.db</c> in the data folder): erasure requests and the run log.
/// One connection per call. Thread-safe.
/// </summary>
internal sealed class ErasureQueue : IErasureRequests
{
    /// <summary>How much of a pseudonym stays in the audit after the erasure: enough to match a ticket, not to link.</summary>
    private const int KeptPrefix = 6;

    private const string Schema = """
        pragma journal_mode = wal;
        create table if not exists erasure_request (id integer primary key, pseudonym text not null, requested_by text not null,
            requested_at text not null, done_at text, messages_erased integer, error text);
        create index if not exists erasure_request_open on erasure_request (id) where done_at is null;
        create table if not exists retention_run (id integer primary key, at text not null, cutoff text, messages integer not null,
            deliveries integer not null, erasures integer not null, messages_erased integer not null);
        """;

    private readonly string _connectionString;

    public ErasureQueue(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = Command(connection, Schema);
        command.ExecuteNonQuery();
    }

    public async Task<ErasureRequest> RequestAsync(string pseudonym, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        ArgumentException.ThrowIfNullOrEmpty(requestedBy);
        await using var connection = Open();
        await using var command = Command(connection, "insert into erasure_request (pseudonym, requested_by, requested_at) values ($p, $b, $t) returning id",
            ("$p", pseudonym), ("$b", requestedBy), ("$t", FormatTime(at)));
        var id = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        return new ErasureRequest(id, pseudonym, requestedBy, at, null, null, null);
    }

    public async Task<IReadOnlyList<ErasureRequest>> ListAsync(int max, CancellationToken cancellationToken) =>
        await ReadAsync("select id, pseudonym, requested_by, requested_at, done_at, messages_erased, error from erasure_request order by id desc limit $n", max, cancellationToken);

    /// <summary>Requests not yet carried out, oldest first.</summary>
    public async Task<IReadOnlyList<ErasureRequest>> OpenAsync(CancellationToken cancellationToken) =>
        await ReadAsync("select id, pseudonym, requested_by, requested_at, done_at, messages_erased, error from erasure_request where done_at is null order by id limit $n", 10_000, cancellationToken);

    public async Task CompleteAsync(long id, int messagesErased, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, """
            update erasure_request set done_at = $t, messages_erased = $n, error = null,
                pseudonym = substr(pseudonym, 1, $keep) || '…' where id = $id
            """, ("$t", FormatTime(at)), ("$n", messagesErased), ("$keep", KeptPrefix), ("$id", id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Keeps the request open (it is tried again on the next run) with the reason it failed.</summary>
    public async Task FailAsync(long id, string error, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "update erasure_request set error = $e where id = $id", ("$e", error), ("$id", id));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task LogAsync(RetentionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await using var connection = Open();
        await using var command = Command(connection, """
            insert into retention_run (at, cutoff, messages, deliveries, erasures, messages_erased) values ($t, $c, $m, $d, $e, $x)
            """, ("$t", FormatTime(run.At)), ("$c", run.Cutoff is { } c ? FormatTime(c) : null), ("$m", run.MessagesRemoved),
            ("$d", run.DeliveriesRemoved), ("$e", run.Erasures), ("$x", run.MessagesErased));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RetentionRun>> RunsAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection,
            "select at, cutoff, messages, deliveries, erasures, messages_erased from retention_run order by id desc limit $n", ("$n", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var runs = new List<RetentionRun>();
        while (await reader.ReadAsync(cancellationToken))
        {
            runs.Add(new RetentionRun(ParseTime(reader.GetString(0)), reader.IsDBNull(1) ? null : ParseTime(reader.GetString(1)),
                reader.GetInt32(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return runs;
    }

    private async Task<List<ErasureRequest>> ReadAsync(string sql, int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, sql, ("$n", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<ErasureRequest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ErasureRequest(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), ParseTime(reader.GetString(3)),
                reader.IsDBNull(4) ? null : ParseTime(reader.GetString(4)), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                reader.IsDBNull(6) ? null : reader.GetString(6)));
        }

        return list;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
