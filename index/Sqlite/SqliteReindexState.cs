using Microsoft.Data.Sqlite;
using Monitor.Index.Elasticsearch;

namespace Monitor.Index.Sqlite;

/// <summary>
/// What the system of record remembers about its Elasticsearch copy: the last message id copied per target (so a
/// reindex resumes) and the dead letters (documents refused for good, with the reason).
/// </summary>
internal sealed class SqliteReindexState
{
    private readonly string _connectionString;

    public SqliteReindexState(string databasePath) => _connectionString = SqliteConnections.ConnectionString(databasePath);

    public async Task<long> CheckpointAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT last_id FROM reindex_checkpoints WHERE target = $target;";
        command.Parameters.AddWithValue("$target", target);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : 0;
    }

    public async Task SaveCheckpointAsync(string target, long lastId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO reindex_checkpoints (target, last_id, updated_at) VALUES ($target, $id, $at)
            ON CONFLICT (target) DO UPDATE SET last_id = excluded.last_id, updated_at = excluded.updated_at;
            """;
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$id", lastId);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AddDeadLettersAsync(string target, IReadOnlyList<DeadLetter> letters, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (letters.Count == 0)
        {
            return;
        }

        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // One letter per document: a run that sends a refused document again (a reindex stopped before it saved its
        // checkpoint, a second copy) replaces its letter with the newest refusal instead of adding one.
        command.CommandText = """
            DELETE FROM dead_letters WHERE target = $target AND document_id = $doc;
            INSERT INTO dead_letters (target, document_id, operation, status, error_type, reason, at)
            VALUES ($target, $doc, $op, $status, $type, $reason, $at);
            """;
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        var doc = command.Parameters.Add("$doc", SqliteType.Text);
        var op = command.Parameters.Add("$op", SqliteType.Text);
        var status = command.Parameters.Add("$status", SqliteType.Integer);
        var type = command.Parameters.Add("$type", SqliteType.Text);
        var reason = command.Parameters.Add("$reason", SqliteType.Text);
        foreach (var letter in letters)
        {
            (doc.Value, op.Value, status.Value, type.Value, reason.Value) =
                (letter.DocumentId, letter.Operation, letter.Status, (object?)letter.ErrorType ?? DBNull.Value, letter.Reason);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT document_id, operation, status, error_type, reason FROM dead_letters WHERE target = $target ORDER BY id;";
        command.Parameters.AddWithValue("$target", target);
        var list = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DeadLetter(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4)));
        }

        return list;
    }
}
