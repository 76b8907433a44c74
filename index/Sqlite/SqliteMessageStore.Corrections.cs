using Microsoft.Data.Sqlite;
using Monitor.Index.Corrections;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Label corrections in the message store's file. The table is created on first use (CREATE TABLE IF NOT EXISTS)
/// rather than by a numbered migration, so it stays apart from the schema versions the query work owns.
/// </summary>
internal sealed partial class SqliteMessageStore : ILabelCorrections
{
    private const string CorrectionsTable = """
        CREATE TABLE IF NOT EXISTS label_corrections (
            id INTEGER PRIMARY KEY,
            message_id INTEGER NOT NULL,
            task TEXT NOT NULL,
            old_label TEXT,
            new_label TEXT NOT NULL,
            by TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS label_corrections_task ON label_corrections(task, id);
        CREATE INDEX IF NOT EXISTS label_corrections_message ON label_corrections(message_id);
        """;

    private volatile bool _correctionsReady;

    public async Task<LabelCorrection?> CorrectAsync(long messageId, string task, string newLabel, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var problem = LabelTasks.Problem(task, newLabel);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(newLabel));
        }

        ArgumentException.ThrowIfNullOrEmpty(by);
        var column = task switch
        {
            LabelTasks.Sentiment => "sentiment_label",
            LabelTasks.Emotion => "emotion_label",
            LabelTasks.Topic => "topic_label",
            LabelTasks.Service => "service_function",
            _ => "CAST(urgency AS TEXT)",
        };
        return await WriteAsync(async (connection, transaction) =>
        {
            await EnsureCorrectionsTableAsync(connection, transaction, cancellationToken);
            await using var command = Command(connection, transaction, $"""
                INSERT INTO label_corrections (message_id, task, old_label, new_label, by, at)
                SELECT message_id, $task, {column}, $label, $by, $at FROM analyses WHERE message_id = $id
                RETURNING id, old_label;
                """, ("$task", task), ("$label", newLabel), ("$by", by), ("$at", at.ToUnixTimeMilliseconds()), ("$id", messageId));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new LabelCorrection(reader.GetInt64(0), messageId, task, reader.IsDBNull(1) ? null : reader.GetString(1), newLabel, by, at)
                : null;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<LabelCorrection>> CorrectionsOfAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenCorrectionsAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, message_id, task, old_label, new_label, by, at FROM label_corrections WHERE message_id = $id ORDER BY id;";
        command.Parameters.AddWithValue("$id", messageId);
        var list = new List<LabelCorrection>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new LabelCorrection(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4), reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
        }

        return list;
    }

    public async Task<int> CountSinceAsync(string task, long afterId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenCorrectionsAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM label_corrections WHERE task = $task AND id > $after;";
        command.Parameters.AddWithValue("$task", task);
        command.Parameters.AddWithValue("$after", afterId);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<CorrectedText>> CorrectedTextsAsync(string task, CancellationToken cancellationToken)
    {
        await using var connection = await OpenCorrectionsAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // The last word on a message wins: a responder may correct a colleague's correction.
        command.CommandText = """
            SELECT c.id, c.message_id, m.text, c.new_label
            FROM label_corrections c JOIN messages m ON m.id = c.message_id
            WHERE c.task = $task AND c.id = (SELECT max(id) FROM label_corrections l WHERE l.task = c.task AND l.message_id = c.message_id)
            ORDER BY c.message_id;
            """;
        command.Parameters.AddWithValue("$task", task);
        var list = new List<CorrectedText>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new CorrectedText(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3)));
        }

        return list;
    }

    private async Task<SqliteConnection> OpenCorrectionsAsync(CancellationToken cancellationToken)
    {
        if (!_correctionsReady)
        {
            await WriteAsync((connection, transaction) => EnsureCorrectionsTableAsync(connection, transaction, cancellationToken), cancellationToken);
        }

        return await OpenAsync(cancellationToken);
    }

    private async Task EnsureCorrectionsTableAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (_correctionsReady)
        {
            return;
        }

        await using var command = Command(connection, transaction, CorrectionsTable);
        await command.ExecuteNonQueryAsync(cancellationToken);
        _correctionsReady = true;
    }
}
