namespace Monitor.Index.Queries;

/// <summary>A keyword and in how many token occurrences it appeared.</summary>
public sealed record TermCount(string Term, long Count);
