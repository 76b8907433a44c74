namespace Monitor.Index;

/// <summary>What arrived on a channel, byte for byte, with where it came from.</summary>
public sealed record RawDelivery
{
    /// <summary>e.g. <c>wechat-callback</c>.</summary>
    public required string Channel { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The query string (signature, timestamp, nonce...), kept for replay and audit.</summary>
    public string? Query { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Why the delivery could not be turned into a message; null when it parsed.</summary>
    public string? RejectionReason { get; init; }
}
