namespace Monitor.Index;

/// <summary>A delivery kept in quarantine: what arrived, where, when, and why it could not be read.</summary>
public sealed record QuarantinedDelivery(long Id, string Channel, DateTimeOffset ReceivedAt, string? Query, string Reason, byte[] Body);
