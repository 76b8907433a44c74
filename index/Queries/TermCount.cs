namespace Monitor.Index.Queries;

/// <summary>A keyword and in how many messages it appeared (a message repeating it counts once).</summary>
public sealed record TermCount(string Term, long Count);
