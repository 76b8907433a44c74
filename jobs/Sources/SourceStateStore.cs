using System.Text.Json;
using Microsoft.Data.Sqlite;
using Monitor.Ingest.Pages;
using Monitor.Ingest.WeChat.Api;

using static Monitor.Jobs.Storage.LocalSqlite;

namespace Monitor.Jobs.Sources;

/// <summary>
/// The jobs' own small SQLite file (<c>sources.db</c> in the data folder): the last page snapshots, the page audit
/// trail, per-source health and ingest alerts. Kept apart from the message store (index/) and from Quartz's tables.
/// One connection per call; SQLite's pool keeps them cheap. Thread-safe.
/// </summary>
internal sealed class SourceStateStore : ISourceHealth
{
    private const string Schema = """
        pragma journal_mode = wal;
        create table if not exists page_snapshot (source_id text not null, url text not null, snapshot text not null, primary key (source_id, url));
        create table if not exists page_audit (id integer primary key, source_id text not null, url text not null, kind text not null, summary text not null, time text not null);
        create index if not exists page_audit_source on page_audit (source_id, id);
        create table if not exists source_health (source_id text primary key, kind text not null, last_success_at text, last_error_at text,
            last_error_code integer, last_error_action text, last_error text, consecutive_failures integer not null default 0,
            items_last_run integer not null default 0, paused_until text);
        create table if not exists ingest_alert (id integer primary key, source_id text not null, time text not null, code integer not null, action text not null, message text not null);
        """;

    private readonly string connectionString;

    public SourceStateStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        AddColumnIfMissing(connection, "source_health", "api_status", "text");
    }

    /// <summary>Files created before a column existed get it added once (CREATE TABLE IF NOT EXISTS leaves them as they were).</summary>
    private static void AddColumnIfMissing(SqliteConnection connection, string table, string column, string type)
    {
        using var check = Command(connection, $"select count(*) from pragma_table_info('{table}') where name = $c", ("$c", column));
        if (Convert.ToInt64(check.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            using var add = Command(connection, $"alter table {table} add column {column} {type}");
            add.ExecuteNonQuery();
        }
    }

    public async Task<PageSnapshot?> GetSnapshotAsync(string sourceId, Uri url, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "select snapshot from page_snapshot where source_id = $s and url = $u", ("$s", sourceId), ("$u", url.AbsoluteUri));
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<PageSnapshot>(json) : null;
    }

    /// <summary>Keeps <paramref name="snapshot"/> as the page's last one (null forgets it) and appends the audit record.</summary>
    public async Task RecordPageChangeAsync(PageAuditRecord record, PageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var save = snapshot is null
            ? Command(connection, "delete from page_snapshot where source_id = $s and url = $u", ("$s", record.SourceId), ("$u", record.Url.AbsoluteUri))
            : Command(connection, "insert or replace into page_snapshot (source_id, url, snapshot) values ($s, $u, $j)",
                ("$s", record.SourceId), ("$u", record.Url.AbsoluteUri), ("$j", JsonSerializer.Serialize(snapshot))))
        {
            save.Transaction = transaction;
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        if (record.Kind is not PageChangeKind.Unchanged and not PageChangeKind.Unavailable)
        {
            await using var audit = Command(connection, "insert into page_audit (source_id, url, kind, summary, time) values ($s, $u, $k, $m, $t)",
                ("$s", record.SourceId), ("$u", record.Url.AbsoluteUri), ("$k", record.Kind.ToString()), ("$m", record.Summary), ("$t", FormatTime(record.Time)));
            audit.Transaction = transaction;
            await audit.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public Task RecordSuccessAsync(string sourceId, string kind, int items, DateTimeOffset now, CancellationToken cancellationToken) =>
        RecordSuccessAsync(sourceId, kind, items, now, null, cancellationToken);

    /// <summary>Records a successful run; with <paramref name="api"/>, the WeChat client's status in the same write.</summary>
    public async Task RecordSuccessAsync(string sourceId, string kind, int items, DateTimeOffset now, WeChatApiStatus? api, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, """
            insert into source_health (source_id, kind, last_success_at, consecutive_failures, items_last_run, api_status) values ($s, $k, $t, 0, $n, $api)
            on conflict (source_id) do update set kind = $k, last_success_at = $t, consecutive_failures = 0, items_last_run = $n, paused_until = null,
                api_status = coalesce($api, api_status)
            """, ("$s", sourceId), ("$k", kind), ("$t", FormatTime(now)), ("$n", items), ("$api", Json(api)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task RecordFailureAsync(
        string sourceId, string kind, int code, string action, string error, DateTimeOffset now, DateTimeOffset? pausedUntil, CancellationToken cancellationToken) =>
        RecordFailureAsync(sourceId, kind, code, action, error, now, pausedUntil, null, cancellationToken);

    /// <summary>Records a failed run; with <paramref name="api"/>, the WeChat client's status in the same write.</summary>
    public async Task RecordFailureAsync(
        string sourceId, string kind, int code, string action, string error, DateTimeOffset now, DateTimeOffset? pausedUntil, WeChatApiStatus? api,
        CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, """
            insert into source_health (source_id, kind, last_error_at, last_error_code, last_error_action, last_error, consecutive_failures, paused_until, api_status)
            values ($s, $k, $t, $c, $a, $e, 1, $p, $api)
            on conflict (source_id) do update set kind = $k, last_error_at = $t, last_error_code = $c, last_error_action = $a, last_error = $e,
                consecutive_failures = consecutive_failures + 1, paused_until = $p, api_status = coalesce($api, api_status)
            """, ("$s", sourceId), ("$k", kind), ("$t", FormatTime(now)), ("$c", code), ("$a", action), ("$e", error), ("$p", pausedUntil is { } p ? FormatTime(p) : null),
            ("$api", Json(api)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Json(WeChatApiStatus? api) => api is null ? null : JsonSerializer.Serialize(api);

    public async Task AddAlertAsync(IngestAlert alert, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "insert into ingest_alert (source_id, time, code, action, message) values ($s, $t, $c, $a, $m)",
            ("$s", alert.SourceId), ("$t", FormatTime(alert.Time)), ("$c", alert.Code), ("$a", alert.Action), ("$m", alert.Message));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SourceHealth>> ListAsync(CancellationToken cancellationToken) => await HealthAsync(null, cancellationToken);

    public async Task<SourceHealth?> GetAsync(string sourceId, CancellationToken cancellationToken) =>
        (await HealthAsync(sourceId, cancellationToken)) is [var first, ..] ? first : null;

    public async Task<IReadOnlyList<IngestAlert>> AlertsAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "select source_id, time, code, action, message from ingest_alert order by id desc limit $n", ("$n", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var alerts = new List<IngestAlert>();
        while (await reader.ReadAsync(cancellationToken))
        {
            alerts.Add(new IngestAlert(reader.GetString(0), ParseTime(reader.GetString(1)), reader.GetInt32(2), reader.GetString(3), reader.GetString(4)));
        }

        return alerts;
    }

    public async Task<IReadOnlyList<PageAuditRecord>> PageAuditAsync(string? sourceId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection,
            "select source_id, url, kind, summary, time from page_audit where $s is null or source_id = $s order by id", ("$s", sourceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var records = new List<PageAuditRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new PageAuditRecord(reader.GetString(0), new Uri(reader.GetString(1)), Enum.Parse<PageChangeKind>(reader.GetString(2)),
                reader.GetString(3), ParseTime(reader.GetString(4))));
        }

        return records;
    }

    private async Task<IReadOnlyList<SourceHealth>> HealthAsync(string? sourceId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, """
            select source_id, kind, last_success_at, last_error_at, last_error_code, last_error_action, last_error, consecutive_failures, items_last_run, paused_until,
                api_status
            from source_health where $s is null or source_id = $s order by source_id
            """, ("$s", sourceId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<SourceHealth>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new SourceHealth
            {
                SourceId = reader.GetString(0),
                Kind = reader.GetString(1),
                LastSuccessAt = reader.IsDBNull(2) ? null : ParseTime(reader.GetString(2)),
                LastErrorAt = reader.IsDBNull(3) ? null : ParseTime(reader.GetString(3)),
                LastErrorCode = reader.IsDBNull(4) ? null : reader.GetInt32(4),
                LastErrorAction = reader.IsDBNull(5) ? null : reader.GetString(5),
                LastError = reader.IsDBNull(6) ? null : reader.GetString(6),
                ConsecutiveFailures = reader.GetInt32(7),
                ItemsLastRun = reader.GetInt32(8),
                PausedUntil = reader.IsDBNull(9) ? null : ParseTime(reader.GetString(9)),
                WeChatApi = reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<WeChatApiStatus>(reader.GetString(10)),
            });
        }

        return list;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }



}
