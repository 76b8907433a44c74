using System.Diagnostics.CodeAnalysis;

namespace Monitor.Ingest.WeChat;

/// <summary>Either the envelope of an encrypted push or why the body could not be read as one.</summary>
public sealed record WeChatEnvelopeResult
{
    private WeChatEnvelopeResult(WeChatEnvelope? envelope, string? error)
    {
        Envelope = envelope;
        Error = error;
    }

    public WeChatEnvelope? Envelope { get; }

    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Envelope))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Envelope is not null;

    public static WeChatEnvelopeResult Success(WeChatEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return new(envelope, null);
    }

    public static WeChatEnvelopeResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, error);
    }
}
