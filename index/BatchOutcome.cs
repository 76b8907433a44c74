namespace Monitor.Index;

/// <summary>How many messages of a batch were new and how many were already stored.</summary>
public sealed record BatchOutcome(int Created, int Duplicates);
