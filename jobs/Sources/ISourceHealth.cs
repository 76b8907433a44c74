namespace Monitor.Jobs.Sources;

/// <summary>The ingest health view: per-source state, admin alerts and the page audit trail.</summary>
public interface ISourceHealth
{
    Task<IReadOnlyList<SourceHealth>> ListAsync(CancellationToken cancellationToken);

    Task<SourceHealth?> GetAsync(string sourceId, CancellationToken cancellationToken);

    /// <summary>The newest alerts first.</summary>
    Task<IReadOnlyList<IngestAlert>> AlertsAsync(int max, CancellationToken cancellationToken);

    /// <summary>The audit trail of a page source (or all pages when null), oldest first.</summary>
    Task<IReadOnlyList<PageAuditRecord>> PageAuditAsync(string? sourceId, CancellationToken cancellationToken);
}
