using System.Text.Json.Serialization;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// A stored message as an Elasticsearch document: everything a question filters, sorts or aggregates on is a
/// keyword, number or epoch-millisecond date; <see cref="Tokens"/> is the space-joined jieba segmentation under a
/// whitespace analyzer, so a stock cluster matches Chinese words without a plugin. A mutable class because the
/// client's serializer fills it.
/// </summary>
internal sealed class MessageDocument
{
    [JsonPropertyName("message_id")] public long MessageId { get; set; }

    [JsonPropertyName("source_kind")] public string SourceKind { get; set; } = string.Empty;

    [JsonPropertyName("source_id")] public string SourceId { get; set; } = string.Empty;

    [JsonPropertyName("account")] public string Account { get; set; } = string.Empty;

    [JsonPropertyName("author")] public string? Author { get; set; }

    [JsonPropertyName("time")] public long Time { get; set; }

    [JsonPropertyName("kind")] public string Kind { get; set; } = "text";

    [JsonPropertyName("title")] public string? Title { get; set; }

    [JsonPropertyName("text")] public string Text { get; set; } = string.Empty;

    [JsonPropertyName("url")] public string? Url { get; set; }

    [JsonPropertyName("parent_id")] public string? ParentId { get; set; }

    [JsonPropertyName("received_at")] public long ReceivedAt { get; set; }

    [JsonPropertyName("case_number")] public string CaseNumber { get; set; } = string.Empty;

    [JsonPropertyName("delivery_count")] public int DeliveryCount { get; set; }

    [JsonPropertyName("analysis_state")] public string AnalysisState { get; set; } = string.Empty;

    [JsonPropertyName("analysis_error")] public string? AnalysisError { get; set; }

    [JsonPropertyName("tokens")] public string? Tokens { get; set; }

    /// <summary>The distinct keyword tokens (see KeywordTerms), for the keyword and hot-topic aggregations.</summary>
    [JsonPropertyName("keywords")] public IReadOnlyList<string>? Keywords { get; set; }

    [JsonPropertyName("sentiment")] public string? Sentiment { get; set; }

    [JsonPropertyName("sentiment_score")] public double? SentimentScore { get; set; }

    [JsonPropertyName("model_version")] public string? ModelVersion { get; set; }

    [JsonPropertyName("dictionary_version")] public string? DictionaryVersion { get; set; }

    [JsonPropertyName("analysed_at")] public long? AnalysedAt { get; set; }

    [JsonPropertyName("topic")] public string? Topic { get; set; }

    [JsonPropertyName("topic_score")] public double? TopicScore { get; set; }

    [JsonPropertyName("emotion")] public string? Emotion { get; set; }

    [JsonPropertyName("emotion_score")] public double? EmotionScore { get; set; }

    [JsonPropertyName("urgency")] public int? Urgency { get; set; }

    [JsonPropertyName("urgency_reasons")] public IReadOnlyList<string>? UrgencyReasons { get; set; }

    [JsonPropertyName("service_function")] public string? ServiceFunction { get; set; }

    [JsonPropertyName("service_triggers")] public IReadOnlyList<string>? ServiceTriggers { get; set; }

    [JsonPropertyName("simhash")] public long? SimHash { get; set; }

    [JsonPropertyName("cluster_id")] public long? ClusterId { get; set; }

    [JsonPropertyName("case_status")] public string? CaseStatus { get; set; }

    /// <summary>0 open, 1 assigned, 2 replied, 3 resolved: the urgent queue's first sort key.</summary>
    [JsonPropertyName("case_rank")] public int? CaseRank { get; set; }

    [JsonPropertyName("assignee")] public string? Assignee { get; set; }

    [JsonPropertyName("deadline_at")] public long? DeadlineAt { get; set; }

    [JsonPropertyName("first_reply_at")] public long? FirstReplyAt { get; set; }

    [JsonPropertyName("resolved_at")] public long? ResolvedAt { get; set; }

    /// <summary>first_reply_at - time, so the median is a percentiles aggregation, not a script.</summary>
    [JsonPropertyName("reply_delay_ms")] public long? ReplyDelayMs { get; set; }
}
