using Monitor.Index;

namespace Monitor.Dashboard.Api;

/// <summary>A message as the dashboard shows it: pseudonymised author, analysis state and sentiment.</summary>
internal sealed record LatestMessage(
    long Id,
    string CaseNumber,
    string SourceKind,
    string Kind,
    string? Author,
    DateTimeOffset Time,
    DateTimeOffset ReceivedAt,
    string Text,
    int DeliveryCount,
    string AnalysisState,
    IReadOnlyList<string>? Tokens,
    string? Sentiment,
    double? SentimentScore)
{
    /// <summary>On the sealed 涉黑 path (text and author withheld unless the reader is 涉黑专办).</summary>
    public bool Sealed { get; init; }

    public static LatestMessage From(Monitor.Dashboard.Sealed.SealedView view) => From(view.Message) with { Sealed = view.Sealed };

    public static LatestMessage From(StoredMessage stored) => new(
        stored.Id,
        stored.CaseNumber,
        stored.Message.SourceKind,
        stored.Message.Kind,
        stored.Message.Author,
        stored.Message.Time,
        stored.ReceivedAt,
        stored.Message.Text,
        stored.DeliveryCount,
        stored.AnalysisState,
        stored.Analysis?.Tokens,
        stored.Analysis?.SentimentLabel,
        stored.Analysis?.SentimentScore);
}
