using Microsoft.Data.Sqlite;
using Monitor.Ingest;

namespace Monitor.Index.Sqlite;

/// <summary>The one SELECT that reads a message with its analysis, and the mapping of its columns.</summary>
internal static class StoredMessageReader
{
    public const string Select = """
        SELECT m.id, m.source_kind, m.source_id, m.account, m.author, m.time, m.kind, m.title, m.text, m.url, m.parent_id,
               m.received_at, m.case_number, m.delivery_count,
               a.state, a.error, a.tokens, a.sentiment_label, a.sentiment_score, a.model_version, a.dictionary_version, a.analysed_at
        FROM messages m JOIN analyses a ON a.message_id = m.id
        """;

    public static StoredMessage Read(SqliteDataReader reader)
    {
        var state = reader.GetString(14);
        return new StoredMessage
        {
            Id = reader.GetInt64(0),
            Message = new Message
            {
                SourceKind = reader.GetString(1),
                SourceId = reader.GetString(2),
                Account = reader.GetString(3),
                Author = NullableString(reader, 4),
                Time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                Kind = reader.GetString(6),
                Title = NullableString(reader, 7),
                Text = reader.GetString(8),
                Url = NullableString(reader, 9),
                ParentId = NullableString(reader, 10),
            },
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(11)),
            CaseNumber = reader.GetString(12),
            DeliveryCount = reader.GetInt32(13),
            AnalysisState = state,
            AnalysisError = NullableString(reader, 15),
            Analysis = state == "done"
                ? new StoredAnalysis(
                    reader.GetString(16).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    reader.GetString(17),
                    reader.GetDouble(18),
                    reader.GetString(19),
                    reader.GetString(20),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(21)))
                : null,
        };
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
