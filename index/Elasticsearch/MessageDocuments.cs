using System.Globalization;
using Monitor.Index.Cases;
using Monitor.Index.Queries;
using Monitor.Ingest;

namespace Monitor.Index.Elasticsearch;

/// <summary>Between <see cref="StoredMessage"/> and <see cref="MessageDocument"/>, and where a document lives.</summary>
internal static class MessageDocuments
{
    /// <summary>The natural key of a message, so writing it twice (a retry, a second reindex) overwrites, never doubles.</summary>
    public static string Id(string sourceKind, string sourceId) => sourceKind + ":" + sourceId;

    /// <summary>The monthly index of a message, by its China-time month: <c>monitor-messages-2025.03</c>.</summary>
    public static string IndexFor(string prefix, long timeMs) =>
        prefix + "-" + ChinaTime.ToChina(timeMs).ToString("yyyy.MM", CultureInfo.InvariantCulture);

    public static MessageDocument From(StoredMessage stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var message = stored.Message;
        var analysis = stored.Analysis;
        var time = message.Time.ToUnixTimeMilliseconds();
        var tokens = analysis is null ? null : string.Join(' ', analysis.Tokens);
        return new MessageDocument
        {
            MessageId = stored.Id,
            SourceKind = message.SourceKind,
            SourceId = message.SourceId,
            Account = message.Account,
            Author = message.Author,
            Time = time,
            Kind = message.Kind,
            Title = message.Title,
            Text = message.Text,
            Url = message.Url,
            ParentId = message.ParentId,
            ReceivedAt = stored.ReceivedAt.ToUnixTimeMilliseconds(),
            CaseNumber = stored.CaseNumber,
            DeliveryCount = stored.DeliveryCount,
            AnalysisState = stored.AnalysisState,
            AnalysisError = stored.AnalysisError,
            Tokens = tokens,
            // A sealed message keeps its tokens (涉黑专办 searches them) but gives no keywords to the terms aggregation.
            Keywords = analysis is null ? null
                : SealedMessages.IsSealed(message.SourceKind, analysis.ServiceFunction?.Label) ? []
                : [.. analysis.Tokens.Where(KeywordTerms.IsKeyword).Distinct(StringComparer.Ordinal)],
            Sentiment = analysis?.SentimentLabel,
            SentimentScore = analysis?.SentimentScore,
            ModelVersion = analysis?.ModelVersion,
            DictionaryVersion = analysis?.DictionaryVersion,
            AnalysedAt = analysis?.AnalysedAt.ToUnixTimeMilliseconds(),
            Topic = analysis?.Topic?.Label,
            TopicScore = analysis?.Topic?.Score,
            Emotion = analysis?.Emotion?.Label,
            EmotionScore = analysis?.Emotion?.Score,
            Urgency = analysis?.Urgency?.Score,
            UrgencyReasons = analysis?.Urgency?.Reasons,
            ServiceFunction = analysis?.ServiceFunction?.Label,
            ServiceTriggers = analysis?.ServiceFunction?.Triggers,
            SimHash = analysis?.NearDuplicate is { } near ? unchecked((long)near.Fingerprint) : null,
            ClusterId = analysis?.NearDuplicate?.ClusterId,
            CaseStatus = stored.Case?.Status,
            CaseRank = stored.Case is { } c ? Rank(c.Status) : null,
            Assignee = stored.Case?.Assignee,
            DeadlineAt = stored.Case?.Deadline?.ToUnixTimeMilliseconds(),
            FirstReplyAt = stored.Case?.FirstReplyAt?.ToUnixTimeMilliseconds(),
            ResolvedAt = stored.Case?.ResolvedAt?.ToUnixTimeMilliseconds(),
            ReplyDelayMs = stored.Case?.FirstReplyAt is { } reply ? reply.ToUnixTimeMilliseconds() - time : null,
        };
    }

    public static StoredMessage ToStored(MessageDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new StoredMessage
        {
            Id = document.MessageId,
            Message = new Message
            {
                SourceKind = document.SourceKind,
                SourceId = document.SourceId,
                Account = document.Account,
                Author = document.Author,
                Time = DateTimeOffset.FromUnixTimeMilliseconds(document.Time),
                Kind = document.Kind,
                Title = document.Title,
                Text = document.Text,
                Url = document.Url,
                ParentId = document.ParentId,
            },
            CaseNumber = document.CaseNumber,
            ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(document.ReceivedAt),
            DeliveryCount = document.DeliveryCount,
            AnalysisState = document.AnalysisState,
            AnalysisError = document.AnalysisError,
            Analysis = document.AnalysisState == "done" && document.Sentiment is not null
                ? new StoredAnalysis(
                    (document.Tokens ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    document.Sentiment,
                    document.SentimentScore ?? 0,
                    document.ModelVersion ?? string.Empty,
                    document.DictionaryVersion ?? string.Empty,
                    DateTimeOffset.FromUnixTimeMilliseconds(document.AnalysedAt ?? 0))
                {
                    Topic = document.Topic is null ? null : new ScoredLabel(document.Topic, document.TopicScore ?? 0),
                    Emotion = document.Emotion is null ? null : new ScoredLabel(document.Emotion, document.EmotionScore ?? 0),
                    Urgency = document.Urgency is null ? null : new UrgencyAssessment(document.Urgency.Value, document.UrgencyReasons ?? []),
                    ServiceFunction = document.ServiceFunction is null ? null : new ServiceFunctionMatch(document.ServiceFunction, document.ServiceTriggers ?? []),
                    NearDuplicate = document.SimHash is null || document.ClusterId is null
                        ? null
                        : new NearDuplicate(unchecked((ulong)document.SimHash.Value), document.ClusterId.Value),
                }
                : null,
            Case = document.CaseStatus is null
                ? null
                : new CaseState(document.CaseStatus, document.Assignee, Time(document.DeadlineAt), Time(document.FirstReplyAt), Time(document.ResolvedAt)),
        };
    }

    private static int Rank(string status) => status switch
    {
        CaseState.Open => 0,
        CaseState.Assigned => 1,
        CaseState.Replied => 2,
        _ => 3,
    };

    private static DateTimeOffset? Time(long? ms) => ms is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms.Value);
}
