namespace Monitor.Jobs.Retention;

/// <summary>
/// An admin's request to erase one person. Until it is carried out it holds the pseudonym; afterwards only its
/// first characters stay (the audit says an erasure happened without keeping the identifier).
/// </summary>
public sealed record ErasureRequest(
    long Id, string Pseudonym, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? DoneAt, int? MessagesErased, string? Error);
