namespace Monitor.Index.Elasticsearch;

/// <summary>A document Elasticsearch refused for good, with the status and reason it gave.</summary>
public sealed record DeadLetter(string DocumentId, string Operation, int Status, string? ErrorType, string Reason);
