using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;

namespace Monitor.Index.Sqlite;

/// <summary>
/// The scorecard's five reads: the account's posts in the window, its last post, the window's cases and how many
/// were answered, the median wait for a first reply, and the backlog now. Each reads one covering or partial index.
/// </summary>
internal static class SqliteScorecard
{
    private static readonly string[] PostSources = ["wechat-article", "rss", "page"];

    public static async Task<Scorecard> ReadAsync(
        SqliteConnection connection, string account, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var from = windowStart.ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var now = asOf.ToUnixTimeMilliseconds();

        var posts = new List<long>();
        long? lastPost;
        await using (var command = Command(connection, account, from, to, now))
        {
            command.CommandText = $"""
                SELECT time FROM analyses INDEXED BY analyses_account_time WHERE account = $account AND source_kind IN ('{string.Join("', '", PostSources)}')
                AND time >= $from AND time < $to ORDER BY time;
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                posts.Add(reader.GetInt64(0));
            }
        }

        await using (var command = Command(connection, account, from, to, now))
        {
            command.CommandText = $"SELECT max(time) FROM analyses WHERE account = $account AND source_kind IN ('{string.Join("', '", PostSources)}') AND time <= $now;";
            lastPost = await command.ExecuteScalarAsync(cancellationToken) is long last ? last : null;
        }

        long cases, replied;
        await using (var command = Command(connection, account, from, to, now))
        {
            command.CommandText = """
                SELECT count(*), count(first_reply_at) FROM analyses
                WHERE account = $account AND case_status IS NOT NULL AND time >= $from AND time < $to;
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (cases, replied) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        TimeSpan? median = null;
        if (replied > 0)
        {
            await using var command = Command(connection, account, from, to, now);
            command.CommandText = """
                SELECT first_reply_at - time AS waited FROM analyses
                WHERE account = $account AND case_status IS NOT NULL AND time >= $from AND time < $to AND first_reply_at IS NOT NULL
                ORDER BY waited LIMIT $take OFFSET $skip;
                """;
            command.Parameters.AddWithValue("$skip", (replied - 1) / 2);
            command.Parameters.AddWithValue("$take", replied % 2 == 0 ? 2 : 1);
            var middle = new List<long>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                middle.Add(reader.GetInt64(0));
            }

            median = TimeSpan.FromMilliseconds(middle.Average());
        }

        long backlog, overdue;
        long? oldest;
        await using (var command = Command(connection, account, from, to, now))
        {
            // The counts come from the per-deadline-day counters (see SqliteBacklog); only today's deadlines and the
            // oldest case are read from the partial indexes, so an account with a huge backlog costs the same.
            command.CommandText = $"""
                SELECT
                    (SELECT coalesce(sum(n), 0) FROM backlog_deadlines WHERE account = $account)
                        + (SELECT count(*) FROM analyses INDEXED BY analyses_overdue WHERE account = $account AND case_rank < 3 AND deadline_at IS NULL),
                    (SELECT min(time) FROM analyses INDEXED BY analyses_backlog WHERE account = $account AND case_rank < 3),
                    (SELECT coalesce(sum(n), 0) FROM backlog_deadlines WHERE account = $account AND day < $nowDay)
                        + (SELECT count(*) FROM analyses INDEXED BY analyses_overdue
                           WHERE account = $account AND case_rank < 3 AND deadline_at >= $nowDay * {SqliteBacklog.DayMs} AND deadline_at < $now);
                """;
            command.Parameters.AddWithValue("$nowDay", Math.DivRem(now, SqliteBacklog.DayMs, out var rest) - (rest < 0 ? 1 : 0));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (backlog, oldest, overdue) = (reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetInt64(1), reader.GetInt64(2));
        }

        long serviceUses;
        await using (var command = Command(connection, account, from, to, now))
        {
            // Events are not analysed, so they are counted on the messages table.
            // The kind range repeats the partial index's condition so the planner may use it.
            command.CommandText = $"""
                SELECT count(*) FROM messages INDEXED BY messages_events
                WHERE account = $account AND kind >= 'event:' AND kind < 'event;' AND kind IN ('{string.Join("', '", ServiceUseKinds.All)}')
                AND time >= $from AND time < $to;
                """;
            serviceUses = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        return ScorecardFigures.Compose(account, windowStart, windowEnd, asOf, posts, lastPost, cases, replied, median, backlog, oldest, overdue, serviceUses);
    }

    private static SqliteCommand Command(SqliteConnection connection, string account, long from, long to, long now)
    {
        var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$account", account);
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$now", now);
        return command;
    }
}
