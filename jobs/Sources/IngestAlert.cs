namespace Monitor.Jobs.Sources;

/// <summary>An ingest problem an administrator must act on (IP whitelist, frozen AppSecret, quota).</summary>
public sealed record IngestAlert(string SourceId, DateTimeOffset Time, int Code, string Action, string Message);
