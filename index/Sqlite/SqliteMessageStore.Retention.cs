using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Index.Retention;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Retention and erasure. Kept apart from the write path in its own file; it shares the write gate, so a purge
/// batch and a delivery never race.
/// </summary>
internal sealed partial class SqliteMessageStore : IStoreRetention
{
    public async Task<PurgeBatch> PurgeReceivedBeforeAsync(DateTimeOffset cutoff, int maxMessages, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var before = cutoff.ToUnixTimeMilliseconds();
        return await WriteAsync(async (connection, transaction) =>
        {
            await EnsureCorrectionsTableAsync(connection, transaction, cancellationToken);

            // Ids grow with arrival (a release from quarantine keeps an older time, a full scan finds it too), so
            // the oldest messages are found at the start of the table.
            var removed = new List<StoredMessage>();
            await using (var select = Command(connection, transaction,
                StoredMessageReader.Select + " WHERE m.received_at < $before ORDER BY m.id LIMIT $max;", ("$before", before), ("$max", maxMessages)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    removed.Add(StoredMessageReader.Read(reader));
                }
            }

            var ids = "[" + string.Join(',', removed.Select(m => m.Id.ToString(CultureInfo.InvariantCulture))) + "]";
            var linkedDeliveries = 0;
            if (removed.Count > 0)
            {
                // The charts' daily counts and the keyword blocks lose exactly what was added for them: the keywords
                // of a message still queued for the blocks were never added (the delete trigger unqueues it).
                var aggregates = new SqliteAggregateWriter(connection, transaction, AggregateParts.Counts);
                var blocks = new SqliteAggregateWriter(connection, transaction, AggregateParts.KeywordBlocks);
                await using (var rows = Command(connection, transaction, """
                    SELECT message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function,
                        EXISTS (SELECT 1 FROM term_backlog b WHERE b.message_id = analyses.message_id)
                    FROM analyses WHERE message_id IN (SELECT value FROM json_each($ids)) AND sentiment_label IS NOT NULL;
                    """, ("$ids", ids)))
                await using (var reader = await rows.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        var row = SqliteAggregateWriter.Read(reader, 0);
                        aggregates.Add(row, -1);
                        if (!reader.GetBoolean(9))
                        {
                            blocks.Add(row, -1);
                        }
                    }
                }

                await aggregates.FlushAsync(cancellationToken);
                await blocks.FlushAsync(cancellationToken);

                await using (var carried = Command(connection, transaction,
                    "DELETE FROM deliveries WHERE message_id IN (SELECT value FROM json_each($ids));", ("$ids", ids)))
                {
                    linkedDeliveries = await carried.ExecuteNonQueryAsync(cancellationToken);
                }

                // The analyses delete trigger removes the full-text rows; the case lives on the analyses row.
                await using var delete = Command(connection, transaction, """
                    DELETE FROM label_corrections WHERE message_id IN (SELECT value FROM json_each($ids));
                    DELETE FROM analyses WHERE message_id IN (SELECT value FROM json_each($ids));
                    DELETE FROM messages WHERE id IN (SELECT value FROM json_each($ids));
                    """, ("$ids", ids));
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            int deliveries;
            await using (var raw = Command(connection, transaction, """
                DELETE FROM deliveries WHERE id IN (SELECT id FROM deliveries WHERE received_at < $before ORDER BY id LIMIT $max);
                """, ("$before", before), ("$max", maxMessages)))
            {
                deliveries = await raw.ExecuteNonQueryAsync(cancellationToken);
            }

            var finished = removed.Count < maxMessages && deliveries < maxMessages;
            if (finished)
            {
                // Counts that reached zero are dropped once per run, not per batch (term_blocks is large).
                await using var zeros = Command(connection, transaction, "DELETE FROM daily_counts WHERE n = 0; DELETE FROM term_blocks WHERE n = 0; DELETE FROM account_term_blocks WHERE n = 0;");
                await zeros.ExecuteNonQueryAsync(cancellationToken);
            }

            return new PurgeBatch(removed, deliveries + linkedDeliveries, finished);
        }, cancellationToken);
    }

    public async Task<PersonErasure> EraseForCopiesAsync(string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        var before = await ReadWhereAsync("m.author = $p", ("$p", pseudonym), cancellationToken);
        await ErasePersonAsync(pseudonym, cancellationToken);
        var ids = "[" + string.Join(',', before.Select(m => m.Id.ToString(CultureInfo.InvariantCulture))) + "]";
        var after = await ReadWhereAsync("m.id IN (SELECT value FROM json_each($ids))", ("$ids", ids), cancellationToken);
        return new PersonErasure(before, after);
    }

    private async Task<List<StoredMessage>> ReadWhereAsync(string where, (string Name, object Value) parameter, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{StoredMessageReader.Select} WHERE {where} ORDER BY m.id;";
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);
        var list = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(StoredMessageReader.Read(reader));
        }

        return list;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}
