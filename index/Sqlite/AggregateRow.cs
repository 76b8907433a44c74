namespace Monitor.Index.Sqlite;

/// <summary>What one analysed message adds to the daily aggregates.</summary>
internal sealed record AggregateRow(
    long MessageId, long Time, string Account, string SourceKind, string? Sentiment, string? Topic, string? Emotion, string? Tokens);
