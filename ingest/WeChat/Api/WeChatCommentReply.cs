namespace Monitor.Ingest.WeChat.Api;

/// <summary>The account's reply to a comment.</summary>
public sealed record WeChatCommentReply
{
    public required string Content { get; init; }

    public required DateTimeOffset CreateTime { get; init; }
}
