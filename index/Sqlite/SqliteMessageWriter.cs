using Microsoft.Data.Sqlite;
using Monitor.Ingest;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Stores messages and deliveries inside one write transaction with statements prepared once per transaction.
/// A command per row made SQLite compile the upsert (and the triggers on <c>analyses</c>) again for every row, most of
/// an import batch's time under the write lock (bench/README.md, the lock profile); here each row only rebinds values.
/// </summary>
internal sealed class SqliteMessageWriter : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private SqliteCommand? _upsert;
    private SqliteCommand? _created;
    private SqliteCommand? _delivery;
    private SqliteCommand? _link;

    public SqliteMessageWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Records one delivery (the raw bytes kept for replay) and returns its id.</summary>
    public async Task<long> InsertDeliveryAsync(RawDelivery delivery, string status, CancellationToken cancellationToken)
    {
        _delivery ??= Prepare(
            """
            INSERT INTO deliveries (channel, received_at, query, body, status, reason)
            VALUES ($channel, $at, $query, $body, $status, $reason) RETURNING id;
            """,
            ("$channel", SqliteType.Text), ("$at", SqliteType.Integer), ("$query", SqliteType.Text), ("$body", SqliteType.Blob),
            ("$status", SqliteType.Text), ("$reason", SqliteType.Text));
        var p = _delivery.Parameters;
        p[0].Value = delivery.Channel;
        p[1].Value = delivery.ReceivedAt.ToUnixTimeMilliseconds();
        p[2].Value = (object?)delivery.Query ?? DBNull.Value;
        p[3].Value = delivery.Body.ToArray();
        p[4].Value = status;
        p[5].Value = (object?)delivery.RejectionReason ?? DBNull.Value;
        return (long)(await _delivery.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Stores the message once per (source kind, id): a new one gets its case number and a pending (or skipped)
    /// analysis; a repeat only counts the delivery.
    /// </summary>
    public async Task<(long Id, bool Created, string CaseNumber)> UpsertMessageAsync(Message message, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        // The row number is chosen here as SQLite would choose it (the largest + 1; we hold the write lock), so the case
        // number goes in with the row instead of rewriting the row, text and all, right after it.
        _upsert ??= Prepare(
            """
            INSERT INTO messages (id, source_kind, source_id, account, author, time, kind, title, text, url, parent_id, received_at, case_number)
            SELECT next.id, $sourceKind, $sourceId, $account, $author, $time, $kind, $title, $text, $url, $parent, $received,
                $casePrefix || printf('%06d', next.id)
            FROM (SELECT coalesce((SELECT max(id) FROM messages), 0) + 1 AS id) next WHERE true
            ON CONFLICT (source_kind, source_id) DO UPDATE SET delivery_count = delivery_count + 1
            RETURNING id, delivery_count, case_number;
            """,
            ("$sourceKind", SqliteType.Text), ("$sourceId", SqliteType.Text), ("$account", SqliteType.Text), ("$author", SqliteType.Text),
            ("$time", SqliteType.Integer), ("$kind", SqliteType.Text), ("$title", SqliteType.Text), ("$text", SqliteType.Text),
            ("$url", SqliteType.Text), ("$parent", SqliteType.Text), ("$received", SqliteType.Integer), ("$casePrefix", SqliteType.Text));
        var p = _upsert.Parameters;
        p[0].Value = message.SourceKind;
        p[1].Value = message.SourceId;
        p[2].Value = message.Account;
        p[3].Value = (object?)message.Author ?? DBNull.Value;
        p[4].Value = message.Time.ToUnixTimeMilliseconds();
        p[5].Value = message.Kind;
        p[6].Value = (object?)message.Title ?? DBNull.Value;
        p[7].Value = message.Text;
        p[8].Value = (object?)message.Url ?? DBNull.Value;
        p[9].Value = (object?)message.ParentId ?? DBNull.Value;
        p[10].Value = receivedAt.ToUnixTimeMilliseconds();
        p[11].Value = CaseNumber.Prefix(receivedAt);
        long id;
        int deliveries;
        string? caseNumber;
        await using (var reader = await _upsert.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            id = reader.GetInt64(0);
            deliveries = reader.GetInt32(1);
            // Rows stored before case numbers existed have none.
            caseNumber = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        if (deliveries > 1)
        {
            return (id, false, caseNumber!);
        }

        _created ??= Prepare(
            """
            INSERT INTO analyses (message_id, state, time, account, source_kind, author, case_status, deadline_at)
            VALUES ($id, $state, $time, $account, $sourceKind, $author, $caseStatus, $deadline);
            """,
            ("$id", SqliteType.Integer), ("$state", SqliteType.Text), ("$time", SqliteType.Integer),
            ("$account", SqliteType.Text), ("$sourceKind", SqliteType.Text), ("$author", SqliteType.Text),
            ("$caseStatus", SqliteType.Text), ("$deadline", SqliteType.Integer));
        var c = _created.Parameters;
        // Events (follows, menu clicks) carry a key, not words a citizen wrote: nothing to analyse.
        var analysable = !string.IsNullOrWhiteSpace(message.Text) && !message.Kind.StartsWith("event", StringComparison.Ordinal);
        var isCase = analysable && SqliteMessageStore.CitizenSources.Contains(message.SourceKind);
        c[0].Value = id;
        c[1].Value = analysable ? "pending" : "skipped";
        c[2].Value = message.Time.ToUnixTimeMilliseconds();
        c[3].Value = message.Account;
        c[4].Value = message.SourceKind;
        c[5].Value = (object?)message.Author ?? DBNull.Value;
        c[6].Value = isCase ? Cases.CaseState.Open : DBNull.Value;
        c[7].Value = isCase ? (message.Time + SqliteMessageStore.ReplyWindow).ToUnixTimeMilliseconds() : DBNull.Value;
        await _created.ExecuteNonQueryAsync(cancellationToken);
        return (id, true, caseNumber!);
    }

    /// <summary>Points a delivery at the message it carried, as stored or as a duplicate of one stored before.</summary>
    public async Task LinkDeliveryAsync(long deliveryId, long messageId, bool created, CancellationToken cancellationToken)
    {
        _link ??= Prepare(
            "UPDATE deliveries SET message_id = $m, status = $s WHERE id = $d;",
            ("$m", SqliteType.Integer), ("$s", SqliteType.Text), ("$d", SqliteType.Integer));
        _link.Parameters[0].Value = messageId;
        _link.Parameters[1].Value = created ? "stored" : "duplicate";
        _link.Parameters[2].Value = deliveryId;
        await _link.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _upsert, _created, _delivery, _link })
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }
    }

    private SqliteCommand Prepare(string sql, params (string Name, SqliteType Type)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        return command;
    }
}
