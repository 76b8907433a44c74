using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Saved analyses whose keywords are not yet in <c>term_blocks</c> / <c>account_term_blocks</c>. Writing the blocks per
/// pipeline batch cost one upsert per (keyword, block) for ~19 blocks a day, most of the save (bench/README.md, end to
/// end); folding tens of thousands of messages at once shares each (block, keyword) upsert between all of them. The
/// queue is durable and written in the save's transaction, so a crash loses nothing and folds nothing twice, and the
/// keyword questions add the tokens of the queued messages in their window: answers are exact whatever was folded.
/// </summary>
internal static class SqliteKeywordBacklog
{
    /// <summary>
    /// Schema 7: the queue (<c>queued_at</c> is the analysis time, so an idle pipeline can tell how long the oldest
    /// waited), and the per-account keyword blocks of the levels <see cref="DayBlocks.AccountLevels"/> no longer has dropped.
    /// </summary>
    public const string CreateTable = """

        DELETE FROM account_term_blocks WHERE account_id IN (SELECT id FROM term_accounts) AND level IN (2, 4, 6, 8);

        CREATE TABLE term_backlog (
            message_id INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            queued_at INTEGER NOT NULL
        );
        CREATE TRIGGER analyses_term_backlog_delete AFTER DELETE ON analyses BEGIN
            DELETE FROM term_backlog WHERE message_id = old.message_id;
        END;
        """;

    /// <summary>Queues the saved messages (id, time, analysed at), one statement for the batch.</summary>
    public static async Task EnqueueAsync(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<(long Id, long Time, long QueuedAt)> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var json = new StringBuilder(rows.Count * 40).Append('[');
        foreach (var (id, time, queuedAt) in rows)
        {
            json.Append(CultureInfo.InvariantCulture, $"[{id},{time},{queuedAt}],");
        }

        json[^1] = ']';
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO term_backlog (message_id, time, queued_at)
            SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows) WHERE true
            ON CONFLICT DO NOTHING;
            """;
        command.Parameters.AddWithValue("$rows", json.ToString());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many messages wait, and the analysis time of the one that waited longest (null when none).</summary>
    public static async Task<(long Count, long? OldestQueuedAt)> StateAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*), min(queued_at) FROM term_backlog;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1));
    }

    /// <summary>
    /// Folds the keywords of up to <paramref name="max"/> queued messages (lowest ids first) into the keyword blocks
    /// and takes them off the queue, in the caller's transaction; returns how many.
    /// </summary>
    public static async Task<int> FoldAsync(SqliteConnection connection, SqliteTransaction transaction, int max, CancellationToken cancellationToken)
    {
        var blocks = new SqliteAggregateWriter(connection, transaction, AggregateParts.KeywordBlocks);
        long last = long.MinValue;
        var folded = 0;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT a.message_id, a.time, a.account, a.source_kind, a.sentiment_label, a.topic_label, a.emotion_label, a.tokens, a.service_function
                FROM term_backlog b JOIN analyses a ON a.message_id = b.message_id
                ORDER BY b.message_id LIMIT $max;
                """;
            command.Parameters.AddWithValue("$max", max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = SqliteAggregateWriter.Read(reader, 0);
                blocks.Add(row, 1);
                last = row.MessageId;
                folded++;
            }
        }

        if (folded == 0)
        {
            return 0;
        }

        await blocks.FlushAsync(cancellationToken);
        await using (var done = connection.CreateCommand())
        {
            done.Transaction = transaction;
            // Exactly the rows read above: the lowest ids up to the last one read, in this transaction.
            done.CommandText = "DELETE FROM term_backlog WHERE message_id <= $last;";
            done.Parameters.AddWithValue("$last", last);
            await done.ExecuteNonQueryAsync(cancellationToken);
        }

        return folded;
    }
}
