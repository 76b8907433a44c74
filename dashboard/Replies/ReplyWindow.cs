namespace Monitor.Dashboard.Replies;

/// <summary>
/// Where a citizen's WeChat customer-service window stands (WECHAT.md §8): open for 48 hours after their last message,
/// with at most five messages in it. <see cref="Channel"/> is <c>wechat</c> when the reply can go through the API,
/// <c>record</c> when the message did not come from the account's chat (comments, imported hotline records).
/// </summary>
internal sealed record ReplyWindow(string Channel, DateTimeOffset? LastCitizenMessageAt, DateTimeOffset? ClosesAt, int MessagesLeft, bool IsOpen)
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(48);

    public const int Budget = 5;

    public static ReplyWindow RecordOnly { get; } = new("record", null, null, 0, false);
}
