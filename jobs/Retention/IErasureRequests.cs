namespace Monitor.Jobs.Retention;

/// <summary>Erasure requests (queued by an admin, carried out by the retention duty) and the log of its runs.</summary>
public interface IErasureRequests
{
    Task<ErasureRequest> RequestAsync(string pseudonym, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The newest requests first, done or not.</summary>
    Task<IReadOnlyList<ErasureRequest>> ListAsync(int max, CancellationToken cancellationToken);

    /// <summary>The newest runs first.</summary>
    Task<IReadOnlyList<RetentionRun>> RunsAsync(int max, CancellationToken cancellationToken);
}
