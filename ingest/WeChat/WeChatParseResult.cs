using System.Diagnostics.CodeAnalysis;

namespace Monitor.Ingest.WeChat;

/// <summary>Either the parsed push or every reason it could not be read.</summary>
public sealed record WeChatParseResult
{
    private WeChatParseResult(WeChatInbound? inbound, IReadOnlyList<string> errors)
    {
        Inbound = inbound;
        Errors = errors;
    }

    public WeChatInbound? Inbound { get; }

    /// <summary>Empty on success; otherwise each problem, naming the element, the rule and the value.</summary>
    public IReadOnlyList<string> Errors { get; }

    [MemberNotNullWhen(true, nameof(Inbound))]
    public bool IsSuccess => Inbound is not null;

    /// <summary>All errors in one line, for logs and problem details.</summary>
    public string Reason => string.Join("; ", Errors);

    public static WeChatParseResult Success(WeChatInbound inbound)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        return new(inbound, []);
    }

    public static WeChatParseResult Failure(IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A failure needs at least one error.", nameof(errors));
        }

        return new(null, errors);
    }
}
