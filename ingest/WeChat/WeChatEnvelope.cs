namespace Monitor.Ingest.WeChat;

/// <summary>The outer body of a safe- or compatible-mode push: the <c>Encrypt</c> value and, when sent, <c>ToUserName</c>.</summary>
public sealed record WeChatEnvelope
{
    /// <summary>Base64 of the AES ciphertext, exactly as sent (it is part of msg_signature).</summary>
    public required string Encrypt { get; init; }

    /// <summary>The account's gh_ id; safe mode sends it, some platforms omit it.</summary>
    public string? ToUserName { get; init; }
}
