using Monitor.Ingest;

namespace Monitor.Index.Sqlite;

/// <summary>A message for the bulk loader, with its analysis (MessageId ignored) and case history when known.</summary>
internal sealed record BulkItem(Message Message, DateTimeOffset ReceivedAt, AnalysisResult? Analysis)
{
    public string? Assignee { get; init; }

    public DateTimeOffset? RepliedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
