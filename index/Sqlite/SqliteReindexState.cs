using Microsoft.Data.Sqlite;
using Monitor.Index.Elasticsearch;

namespace Monitor.Index.Sqlite;

/// <summary>
/// What the system of record remembers about its Elasticsearch copy: the last message id copied per target (so a
/// reindex resumes), what it claimed and the last change it re-copied (<see cref="SqliteChangeLog"/>), and the dead
/// letters (documents refused for good, with the reason).
/// </summary>
internal sealed partial class SqliteReindexState
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

    /// <summary>
    /// Reads up to <paramref name="count"/> messages after <paramref name="afterId"/> in id order, cut before the first
    /// one still waiting for its analysis, and claims them for <paramref name="target"/> in the same write transaction:
    /// from the commit on, the change log records every later change of them (a change committed before it is in what
    /// was read). A first claim starts the target's change checkpoint at the newest change: it copies everything anew.
    /// </summary>
    public async Task<List<StoredMessage>> ClaimAfterAsync(string target, long afterId, int count, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var batch = new List<StoredMessage>(count);
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = StoredMessageReader.Select + " WHERE m.id > $after ORDER BY m.id LIMIT $count;";
            read.Parameters.AddWithValue("$after", afterId);
            read.Parameters.AddWithValue("$count", count);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var message = StoredMessageReader.Read(reader);
                // Only 'pending' stops the run: a 'failed' analysis is copied with its error, so one message that keeps
                // failing cannot hold the copy back (its later success is a change, re-copied).
                if (message.AnalysisState == "pending")
                {
                    break;
                }

                batch.Add(message);
            }
        }

        if (batch.Count > 0)
        {
            await using var claim = connection.CreateCommand();
            claim.Transaction = transaction;
            claim.CommandText = """
                INSERT INTO reindex_checkpoints (target, last_id, updated_at, claimed_id, change_seq)
                VALUES ($target, $after, 0, $claimed, (SELECT coalesce(max(seq), 0) FROM message_changes))
                ON CONFLICT (target) DO UPDATE SET claimed_id = max(claimed_id, excluded.claimed_id);
                """;
            claim.Parameters.AddWithValue("$target", target);
            claim.Parameters.AddWithValue("$after", afterId);
            claim.Parameters.AddWithValue("$claimed", batch[^1].Id);
            await claim.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return batch;
    }

    /// <summary>The last change <paramref name="target"/> re-copied, and how many changes are newer.</summary>
    public async Task<(long Seq, long Waiting)> ChangeCheckpointAsync(string target, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.change_seq, (SELECT count(*) FROM message_changes WHERE seq > c.change_seq)
            FROM reindex_checkpoints c WHERE c.target = $target;
            """;
        command.Parameters.AddWithValue("$target", target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
    }

    /// <summary>
    /// The next <paramref name="count"/> changes after <paramref name="afterSeq"/>: the newest sequence among them and
    /// the changed messages as they are now, each once, in id order. Left out: messages deleted since (retention and
    /// erasure delete their documents themselves), messages past <paramref name="copiedThrough"/> (the id walk copies
    /// them) and messages waiting for an analysis again (their save is a change of its own, re-copied then).
    /// </summary>
    public async Task<(long LastSeq, List<StoredMessage> Messages)> ReadChangesAsync(
        long afterSeq, long copiedThrough, int count, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var lastSeq = afterSeq;
        var ids = new SortedSet<long>();
        await using (var changes = connection.CreateCommand())
        {
            changes.Transaction = transaction;
            changes.CommandText = "SELECT seq, message_id FROM message_changes WHERE seq > $after ORDER BY seq LIMIT $count;";
            changes.Parameters.AddWithValue("$after", afterSeq);
            changes.Parameters.AddWithValue("$count", count);
            await using var reader = await changes.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lastSeq = reader.GetInt64(0);
                if (reader.GetInt64(1) <= copiedThrough)
                {
                    ids.Add(reader.GetInt64(1));
                }
            }
        }

        var messages = new List<StoredMessage>(ids.Count);
        if (ids.Count > 0)
        {
            await using var read = connection.CreateCommand();
            read.Transaction = transaction;
            read.CommandText = StoredMessageReader.Select + " WHERE m.id IN (SELECT value FROM json_each($ids)) AND a.state <> 'pending' ORDER BY m.id;";
            read.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids) + "]");
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add(StoredMessageReader.Read(reader));
            }
        }

        transaction.Commit();
        return (lastSeq, messages);
    }

    /// <summary>Saves how far <paramref name="target"/> re-copied changes, and drops the changes every target has re-copied.</summary>
    public async Task SaveChangeCheckpointAsync(string target, long seq, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE reindex_checkpoints SET change_seq = $seq, updated_at = $at WHERE target = $target;
            DELETE FROM message_changes WHERE seq <= (SELECT min(change_seq) FROM reindex_checkpoints);
            """;
        command.Parameters.AddWithValue("$target", target);
        command.Parameters.AddWithValue("$seq", seq);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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
