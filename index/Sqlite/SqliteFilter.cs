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
            Add(sql, command, "a.message_id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH $f_match)", "$f_match", MatchExpression(filter));
        }

        return sql.ToString();
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
