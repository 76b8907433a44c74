using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Cases;
using Monitor.Index.Queries;
using Monitor.Ingest.WeChat.Api;

namespace Monitor.Dashboard.Replies;

/// <summary>
/// Answers a citizen through WeChat's customer-service API (message/custom/send) when their 48-hour window is open and
/// budget is left, or registers the reply when the message came another way. The reply is stored before the API is
/// called and updated with the result; the case is marked replied only when the citizen was actually answered.
/// </summary>
internal sealed partial class CustomerServiceReplies(
    IWeChatApiClient api,
    IOptions<WeChatApiOptions> apiOptions,
    ReplyRecipients recipients,
    ReplyLog log,
    IMessageQueries queries,
    ICaseWorkflow cases,
    TimeProvider time,
    ILogger<CustomerServiceReplies> logger)
{
    /// <summary>The window of the citizen who wrote <paramref name="message"/>, as of now.</summary>
    public async Task<ReplyWindow> WindowAsync(StoredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Message.SourceKind != "wechat" || message.Message.Author is not { Length: > 0 } author)
        {
            return ReplyWindow.RecordOnly;
        }

        var thread = await queries.ThreadAsync(author, 1000, cancellationToken);
        var last = thread.Where(m => m.Message.SourceKind == "wechat" && !m.Message.Kind.StartsWith("event", StringComparison.Ordinal))
            .Select(m => m.Message.Time).DefaultIfEmpty(message.Message.Time).Max();
        if (message.Message.Time > last)
        {
            last = message.Message.Time;
        }

        var closes = last + ReplyWindow.Length;
        var used = await log.CountSentSinceAsync(author, last, cancellationToken);
        var left = Math.Max(0, ReplyWindow.Budget - used);
        return new ReplyWindow("wechat", last, closes, left, time.GetUtcNow() < closes && left > 0);
    }

    public async Task<ReplyOutcome> ReplyAsync(StoredMessage message, string text, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Case is null)
        {
            return new ReplyOutcome(ReplyStatus.NotACase, "这条内容不是市民留言，不能回复。", null, null);
        }

        var window = await WindowAsync(message, cancellationToken);
        if (window.Channel == "record")
        {
            return await RecordAsync(message, text, by, "已登记回复（该留言不是公众号对话消息，请通过原渠道答复市民）。", cancellationToken);
        }

        if (!apiOptions.Value.IsConfigured)
        {
            return await RecordAsync(message, text, by, "已登记回复，但未配置公众号 AppID/AppSecret，未通过微信发送。", cancellationToken);
        }

        var now = time.GetUtcNow();
        if (now >= window.ClosesAt)
        {
            return Refused(string.Create(CultureInfo.InvariantCulture,
                $"48 小时客服消息窗口已关闭：市民最后一条消息在 {China(window.LastCitizenMessageAt!.Value)}，窗口已于 {China(window.ClosesAt!.Value)} 结束。微信不再允许主动回复，请改用电话等渠道。"), window);
        }

        if (window.MessagesLeft <= 0)
        {
            return Refused(string.Create(CultureInfo.InvariantCulture,
                $"本次窗口内的 {ReplyWindow.Budget} 条客服消息已用完，须等市民再次来信后才能继续回复。"), window);
        }

        var openId = await recipients.FindOpenIdAsync(message, cancellationToken);
        if (openId is null)
        {
            return Refused("找不到该市民的微信身份（已取消关注或原始投递已清除），无法通过微信回复。", window);
        }

        var replyId = await log.AddAsync(message.Id, message.Message.Author, by, text, ReplyLog.Sending, cancellationToken);
        try
        {
            await api.SendCustomTextAsync(openId, text, cancellationToken);
        }
        catch (WeChatApiException e)
        {
            await log.FinishAsync(replyId, ReplyLog.Failed, e.ErrorCode, e.ErrorMessage, CancellationToken.None);
            LogFailed(logger, message.Id, e.ErrorCode);
            return e.Action == WeChatErrorAction.NotDeliverable
                ? new ReplyOutcome(ReplyStatus.Refused, string.Create(CultureInfo.InvariantCulture,
                    $"微信拒绝发送（错误码 {e.ErrorCode}）：已超出客服消息的时限或条数，或市民已取消关注。回复已保存但未送达。"), replyId, window)
                : new ReplyOutcome(ReplyStatus.Failed, string.Create(CultureInfo.InvariantCulture,
                    $"微信接口出错（错误码 {e.ErrorCode}），回复已保存但未送达，请稍后重试。"), replyId, window);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            await log.FinishAsync(replyId, ReplyLog.Failed, null, e.GetType().Name, CancellationToken.None);
            LogUnreachable(logger, message.Id, e);
            return new ReplyOutcome(ReplyStatus.Failed, "无法连接微信接口，回复已保存但未送达，请稍后重试。", replyId, window);
        }

        await log.FinishAsync(replyId, ReplyLog.Sent, null, null, CancellationToken.None);
        await cases.ReplyAsync(message.Id, time.GetUtcNow(), CancellationToken.None);
        return new ReplyOutcome(ReplyStatus.Sent, "已通过微信客服消息发送。", replyId, window with { MessagesLeft = window.MessagesLeft - 1 });
    }

    /// <summary>Registers that the citizen was answered together with another message of theirs (one WeChat message for a cluster).</summary>
    public async Task<ReplyOutcome> RecordAsync(StoredMessage message, string text, string by, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = await log.AddAsync(message.Id, message.Message.Author, by, text, ReplyLog.Recorded, cancellationToken);
        await cases.ReplyAsync(message.Id, time.GetUtcNow(), cancellationToken);
        return new ReplyOutcome(ReplyStatus.Recorded, note, id, null);
    }

    private static ReplyOutcome Refused(string why, ReplyWindow window) => new(ReplyStatus.Refused, why, null, window);

    private static string China(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer-service reply to message {MessageId} refused by WeChat: errcode {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, long messageId, int errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer-service reply to message {MessageId} could not reach WeChat")]
    private static partial void LogUnreachable(ILogger logger, long messageId, Exception exception);
}

internal enum ReplyStatus
{
    Sent,
    Recorded,
    Refused,
    Failed,
    NotACase,
}

/// <summary>What became of a reply: the Chinese sentence the responder reads, the stored reply and the window after it.</summary>
internal sealed record ReplyOutcome(ReplyStatus Status, string Message, long? ReplyId, ReplyWindow? Window);
