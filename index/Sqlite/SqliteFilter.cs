using System.Text;
using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;

namespace Monitor.Index.Sqlite;

/// <summary>A <see cref="MessageFilter"/> as <c>AND</c> clauses on the analyses row (alias <c>a</c>).</summary>
internal static class SqliteFilter
{
    public static string Where(MessageFilter filter, SqliteCommand command, bool includeKeyword = true)
    {
        var sql = new StringBuilder();
        Add(sql, command, "a.account = $f_account", "$f_account", filter.Account);
        Add(sql, command, "a.source_kind = $f_source", "$f_source", filter.SourceKind);
        Add(sql, command, "a.time >= $f_from", "$f_from", filter.From?.ToUnixTimeMilliseconds());
        Add(sql, command, "a.time < $f_to", "$f_to", filter.To?.ToUnixTimeMilliseconds());
        Add(sql, command, "a.topic_label = $f_topic", "$f_topic", filter.Topic);
        Add(sql, command, "a.sentiment_label = $f_sentiment", "$f_sentiment", filter.Sentiment);
        Add(sql, command, "a.emotion_label = $f_emotion", "$f_emotion", filter.Emotion);
        Add(sql, command, "a.service_function = $f_service", "$f_service", filter.ServiceFunction);
        if (includeKeyword && filter.KeywordTokens.Count > 0)
        {
            Add(sql, command, $"a.message_id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH $f_match{RowidRange(filter, command)})", "$f_match", MatchExpression(filter));
        }

        return sql.ToString();
    }

    /// <summary>
    /// With a time window, bounds the full-text matches by the window's lowest and highest message id, so FTS5 ranks
    /// (bm25) only the matches of the window's id range, not every match since the store began. Ids grow with
    /// arrival, so the range is tight; the exact time filter still applies after it.
    /// </summary>
    public static string RowidRange(MessageFilter filter, SqliteCommand command)
    {
        if (filter.From is null && filter.To is null)
        {
            return string.Empty;
        }

        // day_ids holds each China day's lowest and highest analysed id: a window's bounds are a few dozen rows.
        const string Days = "FROM day_ids WHERE day >= $r_from AND day <= $r_to";
        command.Parameters.AddWithValue("$r_from", filter.From is { } from ? ChinaTime.Day(from.ToUnixTimeMilliseconds()) : long.MinValue);
        command.Parameters.AddWithValue("$r_to", filter.To is { } to ? ChinaTime.Day(to.ToUnixTimeMilliseconds() - 1) : long.MaxValue);
        return $" AND rowid >= coalesce((SELECT min(min_id) {Days}), 0) AND rowid <= coalesce((SELECT max(max_id) {Days}), -1)";
    }

    /// <summary>Every word quoted (so 的 or AND in a citizen's words are not FTS5 syntax), all required.</summary>
    public static string MatchExpression(MessageFilter filter) =>
        string.Join(' ', filter.KeywordTokens.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    private static void Add(StringBuilder sql, SqliteCommand command, string clause, string name, object? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(clause);
        command.Parameters.AddWithValue(name, value);
    }
}
