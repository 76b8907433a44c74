namespace Monitor.Index.Queries;

/// <summary>One search result: the message, its relevance (higher is better) and a snippet with the matched words marked.</summary>
public sealed record SearchHit(StoredMessage Message, double Score, IReadOnlyList<SnippetPart> Snippet);
