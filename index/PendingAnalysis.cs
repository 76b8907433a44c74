namespace Monitor.Index;

/// <summary>A stored message waiting for analysis.</summary>
public sealed record PendingAnalysis(long MessageId, string Text, int Attempts);
