using Microsoft.Data.Sqlite;
using Monitor.Index.Cases;

namespace Monitor.Index.Sqlite;

/// <summary>The responders' workflow as single-row updates of the case columns (atomic without a transaction).</summary>
internal sealed class SqliteCaseWorkflow : ICaseWorkflow
{
    private readonly string _connectionString;

    public SqliteCaseWorkflow(string databasePath) => _connectionString = SqliteConnections.ConnectionString(databasePath);

    public Task<bool> AssignAsync(long messageId, string assignee, DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        UpdateAsync(
            """
            UPDATE analyses SET assignee = $assignee, deadline_at = coalesce($deadline, deadline_at),
                case_status = CASE case_status WHEN 'open' THEN 'assigned' ELSE case_status END
            WHERE message_id = $id AND case_status IS NOT NULL;
            """,
            messageId,
            cancellationToken,
            ("$assignee", assignee),
            ("$deadline", deadline?.ToUnixTimeMilliseconds()));

    public Task<bool> ReplyAsync(long messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(
            """
            UPDATE analyses SET first_reply_at = coalesce(first_reply_at, $at),
                case_status = CASE WHEN case_status IN ('open', 'assigned') THEN 'replied' ELSE case_status END
            WHERE message_id = $id AND case_status IS NOT NULL;
            """,
            messageId,
            cancellationToken,
            ("$at", at.ToUnixTimeMilliseconds()));

    public Task<bool> ResolveAsync(long messageId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(
            "UPDATE analyses SET case_status = 'resolved', resolved_at = $at WHERE message_id = $id AND case_status IS NOT NULL;",
            messageId,
            cancellationToken,
            ("$at", at.ToUnixTimeMilliseconds()));

    public Task<bool> ReopenAsync(long messageId, CancellationToken cancellationToken) =>
        UpdateAsync(
            """
            UPDATE analyses SET resolved_at = NULL,
                case_status = CASE WHEN first_reply_at IS NOT NULL THEN 'replied' WHEN assignee IS NOT NULL THEN 'assigned' ELSE 'open' END
            WHERE message_id = $id AND case_status IS NOT NULL;
            """,
            messageId,
            cancellationToken);

    private async Task<bool> UpdateAsync(string sql, long messageId, CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        await using var connection = await SqliteConnections.OpenAsync(_connectionString, cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", messageId);
        foreach (var (name, value) in values)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
