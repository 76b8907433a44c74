using System.Text.Json;
using Microsoft.Data.Sqlite;

using static Monitor.Jobs.Storage.LocalSqlite;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// The alerts' own SQLite file (<c>alerts.db</c> in the data folder): each rule's state and the log of every alert
/// and recovery sent, which the dashboard reads through <see cref="IAlertFeed"/>. One connection per call. Thread-safe.
/// </summary>
internal sealed class AlertStateStore : IAlertFeed
{
    private const string Schema = """
        pragma journal_mode = wal;
        create table if not exists alert_rule_state (rule_id text primary key, firing integer not null, last_fired_at text, snoozed_until text);
        create table if not exists alert_log (id integer primary key, rule_id text not null, at text not null, at_ms integer not null, notice text not null);
        create index if not exists alert_log_time on alert_log (at_ms);
        """;

    private readonly string connectionString;

    public AlertStateStore(string databasePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = true }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
    }

    public async Task<AlertRuleState> GetAsync(string ruleId, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "select firing, last_fired_at, snoozed_until from alert_rule_state where rule_id = $r", ("$r", ruleId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new AlertRuleState(ruleId, reader.GetInt64(0) != 0, Time(reader, 1), Time(reader, 2))
            : AlertRuleState.Initial(ruleId);
    }

    /// <summary>Saves the rule's new state and appends the notices of this evaluation, in one transaction.</summary>
    public async Task SaveAsync(AlertRuleState state, IReadOnlyList<AlertNotice> notices, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var save = Command(connection,
            """
            insert into alert_rule_state (rule_id, firing, last_fired_at, snoozed_until) values ($r, $f, $l, $s)
            on conflict (rule_id) do update set firing = $f, last_fired_at = $l
            """,
            ("$r", state.RuleId), ("$f", state.Firing ? 1 : 0), ("$l", Text(state.LastFiredAt)), ("$s", Text(state.SnoozedUntil))))
        {
            save.Transaction = transaction;
            await save.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var notice in notices)
        {
            await using var log = Command(connection, "insert into alert_log (rule_id, at, at_ms, notice) values ($r, $a, $m, $n)",
                ("$r", notice.RuleId), ("$a", Text(notice.At)), ("$m", notice.At.ToUnixTimeMilliseconds()), ("$n", JsonSerializer.Serialize(notice)));
            log.Transaction = transaction;
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AlertNotice>> ListAsync(DateTimeOffset since, DateTimeOffset until, int max, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "select notice from alert_log where at_ms >= $f and at_ms < $t order by at_ms desc, id desc limit $n",
            ("$f", since.ToUnixTimeMilliseconds()), ("$t", until.ToUnixTimeMilliseconds()), ("$n", max));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var notices = new List<AlertNotice>();
        while (await reader.ReadAsync(cancellationToken))
        {
            notices.Add(JsonSerializer.Deserialize<AlertNotice>(reader.GetString(0))!);
        }

        return notices;
    }

    public async Task<IReadOnlyList<AlertRuleState>> StatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = Command(connection, "select rule_id, firing, last_fired_at, snoozed_until from alert_rule_state order by rule_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var states = new List<AlertRuleState>();
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new AlertRuleState(reader.GetString(0), reader.GetInt64(1) != 0, Time(reader, 2), Time(reader, 3)));
        }

        return states;
    }

    public async Task SnoozeAsync(string ruleId, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        await using var connection = Open();
        await using var command = Command(connection,
            """
            insert into alert_rule_state (rule_id, firing, snoozed_until) values ($r, 0, $s)
            on conflict (rule_id) do update set snoozed_until = $s
            """,
            ("$r", ruleId), ("$s", Text(until)));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string? Text(DateTimeOffset? time) => time is { } t ? FormatTime(t) : null;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

}
