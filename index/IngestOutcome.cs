namespace Monitor.Index;

/// <summary>The result of storing one delivery.</summary>
/// <param name="DeliveryId">Row of the raw delivery.</param>
/// <param name="MessageId">Row of the message, or null when the delivery was rejected.</param>
/// <param name="Created">False when the message was already stored (a repeated delivery).</param>
/// <param name="CaseNumber">The citizen-facing case number of the message.</param>
public sealed record IngestOutcome(long DeliveryId, long? MessageId, bool Created, string? CaseNumber);
