namespace Monitor.Index.Sqlite;

/// <summary>
/// What one analysed message adds to the daily aggregates. The service function decides whether its tokens count
/// toward the keyword blocks at all (a sealed message's do not, see <see cref="SealedMessages"/>).
/// </summary>
internal sealed record AggregateRow(
    long MessageId, long Time, string Account, string SourceKind, string? Sentiment, string? Topic, string? Emotion, string? Tokens, string? ServiceFunction);
