using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>The optional analysis parts (topic, emotion, urgency, service function, near-duplicate) as columns.</summary>
internal static class SqliteAnalysisColumns
{
    public static void Bind(
        AnalysisResult result,
        SqliteParameter topic,
        SqliteParameter topicScore,
        SqliteParameter emotion,
        SqliteParameter emotionScore,
        SqliteParameter urgency,
        SqliteParameter reasons,
        SqliteParameter service,
        SqliteParameter triggers,
        SqliteParameter simhash,
        SqliteParameter cluster)
    {
        ArgumentNullException.ThrowIfNull(result);
        topic.Value = (object?)result.Topic?.Label ?? DBNull.Value;
        topicScore.Value = (object?)result.Topic?.Score ?? DBNull.Value;
        emotion.Value = (object?)result.Emotion?.Label ?? DBNull.Value;
        emotionScore.Value = (object?)result.Emotion?.Score ?? DBNull.Value;
        urgency.Value = (object?)result.Urgency?.Score ?? DBNull.Value;
        reasons.Value = SqliteJson.ToColumn(result.Urgency?.Reasons);
        service.Value = (object?)result.ServiceFunction?.Label ?? DBNull.Value;
        triggers.Value = SqliteJson.ToColumn(result.ServiceFunction?.Triggers);
        simhash.Value = result.NearDuplicate is { } near ? unchecked((long)near.Fingerprint) : DBNull.Value;
        cluster.Value = (object?)result.NearDuplicate?.ClusterId ?? DBNull.Value;
    }
}
