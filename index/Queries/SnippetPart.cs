namespace Monitor.Index.Queries;

/// <summary>A run of display text in a search snippet; <paramref name="Highlighted"/> when it is a matched word.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);
