using Monitor.Index.Cases;
using Monitor.Ingest;

namespace Monitor.Index;

/// <summary>A message as stored, with its analysis when there is one.</summary>
public sealed record StoredMessage
{
    public required long Id { get; init; }

    public required Message Message { get; init; }

    public required string CaseNumber { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>How many times the same message was delivered (WeChat retries, repeated imports).</summary>
    public required int DeliveryCount { get; init; }

    /// <summary><c>pending</c>, <c>done</c>, <c>failed</c> (will be retried) or <c>skipped</c> (nothing to analyse).</summary>
    public required string AnalysisState { get; init; }

    public string? AnalysisError { get; init; }

    public StoredAnalysis? Analysis { get; init; }

    /// <summary>The responders' case when this is a citizen message; null for posts and events.</summary>
    public CaseState? Case { get; init; }
}
