using System.Diagnostics.CodeAnalysis;

namespace Monitor.Ingest.WeChat;

/// <summary>Either the decrypted inner XML and the key that opened it, or why it could not be opened.</summary>
public sealed record WeChatDecryptResult
{
    private WeChatDecryptResult(string? message, WeChatKeySlot key, string? error)
    {
        Message = message;
        Key = key;
        Error = error;
    }

    /// <summary>The inner push XML (plain-mode layout); parse it with <see cref="WeChatInboundParser"/>.</summary>
    public string? Message { get; }

    /// <summary>The key that decrypted the message; meaningless on failure.</summary>
    public WeChatKeySlot Key { get; }

    /// <summary>Null on success; otherwise the reason, naming the rule and the value.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Message))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Message is not null;

    public static WeChatDecryptResult Success(string message, WeChatKeySlot key)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new(message, key, null);
    }

    public static WeChatDecryptResult Failure(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new(null, WeChatKeySlot.Current, error);
    }
}
