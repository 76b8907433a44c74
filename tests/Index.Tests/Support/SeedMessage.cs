using Monitor.Ingest;

namespace Monitor.Index.Tests.Support;

/// <summary>
/// A message as a contract test wants it stored: its analysis (the MessageId is filled in by the backend) and what
/// responders did with its case.
/// </summary>
public sealed record SeedMessage(Message Message, AnalysisResult? Analysis)
{
    public string? Assignee { get; init; }

    public DateTimeOffset? RepliedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }
}
