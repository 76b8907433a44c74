using Monitor.Index;

namespace Monitor.Jobs.Cli;

/// <summary>The exported shape of a message: stable field names that researchers' scripts rely on.</summary>
public sealed record ExportRecord
{
    public required long Id { get; init; }
    public required string CaseNumber { get; init; }
    public required string SourceKind { get; init; }
    public required string SourceId { get; init; }

    /// <summary>The WeChat MsgId, for messages that came through the WeChat callback.</summary>
    public string? MsgId { get; init; }

    public required string Account { get; init; }
    public string? Author { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required string Kind { get; init; }
    public string? Title { get; init; }
    public required string Text { get; init; }
    public string? Url { get; init; }
    public string? ParentId { get; init; }
    public required int DeliveryCount { get; init; }
    public required string AnalysisState { get; init; }
    public string? AnalysisError { get; init; }
    public IReadOnlyList<string>? Tokens { get; init; }
    public ExportSentiment? Sentiment { get; init; }
    public Index.ScoredLabel? Topic { get; init; }
    public Index.ScoredLabel? Emotion { get; init; }
    public Index.UrgencyAssessment? Urgency { get; init; }
    public Index.ServiceFunctionMatch? ServiceFunction { get; init; }

    /// <summary>The near-duplicate cluster (the id of its first message).</summary>
    public long? ClusterId { get; init; }

    /// <summary>The case's status in the responders' workflow (open, assigned, replied, resolved).</summary>
    public string? CaseStatus { get; init; }

    public string? ModelVersion { get; init; }
    public string? DictionaryVersion { get; init; }

    public static ExportRecord From(StoredMessage stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var m = stored.Message;
        return new ExportRecord
        {
            Id = stored.Id,
            CaseNumber = stored.CaseNumber,
            SourceKind = m.SourceKind,
            SourceId = m.SourceId,
            MsgId = m.SourceKind == "wechat" && long.TryParse(m.SourceId, out _) ? m.SourceId : null,
            Account = m.Account,
            Author = m.Author,
            Time = m.Time,
            ReceivedAt = stored.ReceivedAt,
            Kind = m.Kind,
            Title = m.Title,
            Text = m.Text,
            Url = m.Url,
            ParentId = m.ParentId,
            DeliveryCount = stored.DeliveryCount,
            AnalysisState = stored.AnalysisState,
            AnalysisError = stored.AnalysisError,
            Tokens = stored.Analysis?.Tokens,
            Sentiment = stored.Analysis is { } a ? new ExportSentiment(a.SentimentLabel, Math.Round(a.SentimentScore, 6)) : null,
            Topic = stored.Analysis?.Topic,
            Emotion = stored.Analysis?.Emotion,
            Urgency = stored.Analysis?.Urgency,
            ServiceFunction = stored.Analysis?.ServiceFunction,
            ClusterId = stored.Analysis?.NearDuplicate?.ClusterId,
            CaseStatus = stored.Case?.Status,
            ModelVersion = stored.Analysis?.ModelVersion,
            DictionaryVersion = stored.Analysis?.DictionaryVersion,
        };
    }
}
