using Monitor.Ingest.Pages;

namespace Monitor.Jobs.Sources;

/// <summary>One entry of the edit/deletion audit of a watched page (PRODUCT.md idea 3).</summary>
public sealed record PageAuditRecord(string SourceId, Uri Url, PageChangeKind Kind, string Summary, DateTimeOffset Time);
