using Monitor.Index;

namespace Monitor.Dashboard.Api;

/// <summary>A case as the responder's queue shows it: urgency with its reasons, and the WeChat 48-hour reply window.</summary>
internal sealed record QueueItem(
    long Id,
    string CaseNumber,
    string Kind,
    string? Author,
    DateTimeOffset ReceivedAt,
    string Text,
    string Status,
    string? Assignee,
    DateTimeOffset? Deadline,
    int? Urgency,
    IReadOnlyList<string> UrgencyReasons,
    string? Sentiment,
    string? Topic,
    string? ServiceFunction,
    double WindowHoursLeft)
{
    /// <summary>WeChat lets the account answer through the customer-service API for 48 hours after the citizen's message.</summary>
    public static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(48);

    /// <summary>On the sealed 涉黑 path (text and author withheld unless the reader is 涉黑专办).</summary>
    public bool Sealed { get; init; }

    /// <summary>The near-duplicate cluster (its first message's id), so the whole cluster can be answered at once.</summary>
    public long? ClusterId { get; init; }

    /// <summary>How many unresolved cases of the same cluster the queue holds; two or more can be answered together.</summary>
    public int ClusterOpen { get; init; } = 1;

    /// <summary><c>wechat</c>: replies go through the customer-service API; <c>record</c>: replies are registered only.</summary>
    public string ReplyChannel { get; init; } = "record";

    /// <summary>When the citizen's 48-hour window closes (their last message + 48 h); null for record-only cases.</summary>
    public DateTimeOffset? WindowClosesAt { get; init; }

    /// <summary>Customer-service messages still allowed in the window (of 5).</summary>
    public int? MessagesLeft { get; init; }

    public static QueueItem From(StoredMessage m, DateTimeOffset now, Monitor.Dashboard.Replies.ReplyWindow? window = null, bool isSealed = false) => new(
        m.Id,
        m.CaseNumber,
        m.Message.Kind,
        m.Message.Author,
        m.ReceivedAt,
        m.Message.Text,
        m.Case?.Status ?? "open",
        m.Case?.Assignee,
        m.Case?.Deadline,
        m.Analysis?.Urgency?.Score,
        m.Analysis?.Urgency?.Reasons ?? [],
        m.Analysis?.SentimentLabel,
        m.Analysis?.Topic?.Label,
        m.Analysis?.ServiceFunction?.Label,
        Math.Max(0, Math.Round(((window?.ClosesAt ?? m.Message.Time + ReplyWindow) - now).TotalHours, 1)))
    {
        Sealed = isSealed,
        ClusterId = m.Analysis?.NearDuplicate?.ClusterId,
        ReplyChannel = window?.Channel ?? "record",
        WindowClosesAt = window?.ClosesAt,
        MessagesLeft = window?.Channel == "wechat" ? window.MessagesLeft : null,
    };
}
