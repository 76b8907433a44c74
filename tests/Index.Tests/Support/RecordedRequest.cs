namespace Monitor.Index.Tests.Support;

/// <summary>A request the Elasticsearch client sent, body decompressed.</summary>
public sealed record RecordedRequest(HttpMethod Method, string PathAndQuery, string? ContentType, string Body);
