using Microsoft.Data.Sqlite;
using Monitor.Index.Cases;
using Monitor.Ingest;

namespace Monitor.Index.Sqlite;

/// <summary>The one SELECT that reads a message with its analysis and case, and the mapping of its columns.</summary>
internal static class StoredMessageReader
{
    public const string Columns = """
        m.id, m.source_kind, m.source_id, m.account, m.author, m.time, m.kind, m.title, m.text, m.url, m.parent_id,
        m.received_at, m.case_number, m.delivery_count,
        a.state, a.error, a.tokens, a.sentiment_label, a.sentiment_score, a.model_version, a.dictionary_version, a.analysed_at,
        a.topic_label, a.topic_score, a.emotion_label, a.emotion_score, a.urgency, a.urgency_reasons,
        a.service_function, a.service_triggers, a.simhash, a.cluster_id,
        a.case_status, a.assignee, a.deadline_at, a.first_reply_at, a.resolved_at
        """;

    public const string Select = "SELECT " + Columns + " FROM messages m JOIN analyses a ON a.message_id = m.id";

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
            Analysis = state == "done" ? ReadAnalysis(reader) : null,
            Case = reader.IsDBNull(32)
                ? null
                : new CaseState(reader.GetString(32), NullableString(reader, 33), NullableTime(reader, 34), NullableTime(reader, 35), NullableTime(reader, 36)),
        };
    }

    private static StoredAnalysis ReadAnalysis(SqliteDataReader reader) => new(
        reader.GetString(16).Split(' ', StringSplitOptions.RemoveEmptyEntries),
        reader.GetString(17),
        reader.GetDouble(18),
        reader.GetString(19),
        reader.GetString(20),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(21)))
    {
        Topic = reader.IsDBNull(22) ? null : new ScoredLabel(reader.GetString(22), reader.GetDouble(23)),
        Emotion = reader.IsDBNull(24) ? null : new ScoredLabel(reader.GetString(24), reader.GetDouble(25)),
        Urgency = reader.IsDBNull(26) ? null : new UrgencyAssessment(reader.GetInt32(26), reader.IsDBNull(27) ? [] : SqliteJson.FromColumn(reader.GetString(27))),
        ServiceFunction = reader.IsDBNull(28) ? null : new ServiceFunctionMatch(reader.GetString(28), reader.IsDBNull(29) ? [] : SqliteJson.FromColumn(reader.GetString(29))),
        NearDuplicate = reader.IsDBNull(30) || reader.IsDBNull(31) ? null : new NearDuplicate(unchecked((ulong)reader.GetInt64(30)), reader.GetInt64(31)),
    };

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
