using Microsoft.Data.Sqlite;
using Monitor.Dashboard.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Index;

namespace Monitor.Dashboard.Replies;

/// <summary>
/// Every reply a responder wrote, in the store's SQLite file. A WeChat reply is stored as <c>sending</c> before the
/// customer-service API is called and updated with its result, so a crash in between leaves a visible trace instead of
/// a lost or silently doubled reply.
/// </summary>
internal sealed class ReplyLog
{
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";

    /// <summary>Registered only: the citizen was answered another way (phone, comment reply) or the API is not configured.</summary>
    public const string Recorded = "recorded";

    private readonly StoreFileTables _tables;
    private readonly TimeProvider _time;

    public ReplyLog(IOptions<StoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _tables = new StoreFileTables(options.Value, """
            CREATE TABLE IF NOT EXISTS replies (
                id INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL,
                author TEXT,
                by_user TEXT NOT NULL,
                text TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'recorded')),
                error_code INTEGER,
                error TEXT,
                created_at INTEGER NOT NULL,
                finished_at INTEGER
            );
            CREATE INDEX IF NOT EXISTS replies_author ON replies(author, created_at) WHERE author IS NOT NULL;
            CREATE INDEX IF NOT EXISTS replies_message ON replies(message_id);
            """);
    }

    public async Task<long> AddAsync(long messageId, string? author, string by, string text, string status, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO replies (message_id, author, by_user, text, status, created_at, finished_at) VALUES ($m, $a, $by, $text, $status, $now, $finished)
            RETURNING id;
            """;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        command.Parameters.AddWithValue("$m", messageId);
        command.Parameters.AddWithValue("$a", (object?)author ?? DBNull.Value);
        command.Parameters.AddWithValue("$by", by);
        command.Parameters.AddWithValue("$text", text);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$finished", status == Sending ? DBNull.Value : now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task FinishAsync(long replyId, string status, int? errorCode, string? error, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE replies SET status = $status, error_code = $code, error = $error, finished_at = $now WHERE id = $id;";
        command.Parameters.AddWithValue("$id", replyId);
        command.Parameters.AddWithValue("$status", status);
        command.Parameters.AddWithValue("$code", (object?)errorCode ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Customer-service messages that count against the citizen's budget: sent, or possibly sent (still sending), since a time.</summary>
    public async Task<int> CountSentSinceAsync(string author, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM replies WHERE author = $a AND created_at >= $since AND status IN ('sent', 'sending');";
        command.Parameters.AddWithValue("$a", author);
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The replies to one message, oldest first.</summary>
    public async Task<IReadOnlyList<StoredReply>> ForMessageAsync(long messageId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, message_id, by_user, text, status, error_code, error, created_at FROM replies WHERE message_id = $m ORDER BY id;";
        command.Parameters.AddWithValue("$m", messageId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<StoredReply>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new StoredReply(
                reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
        }

        return list;
    }

    private SqliteConnection Open() => _tables.Open();
}

/// <summary>A reply as stored: who wrote it, what, and what WeChat said.</summary>
internal sealed record StoredReply(long Id, long MessageId, string By, string Text, string Status, int? ErrorCode, string? Error, DateTimeOffset CreatedAt);
