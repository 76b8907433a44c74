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

    public static QueueItem From(StoredMessage m, DateTimeOffset now) => new(
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
        Math.Max(0, Math.Round((m.Message.Time + ReplyWindow - now).TotalHours, 1)));
}
