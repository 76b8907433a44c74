using Monitor.Index.Queries;
using Monitor.Ingest;
using Monitor.Nlp.Sentiment;

namespace Monitor.Index.Tests.Support;

/// <summary>
/// The small, fully known data set the contract suite asks its questions of: two weeks of one county account
/// (citizen messages, a comment, two posts) and one message and two posts of a second account. m5 is a sealed
/// 涉黑举报 (see <see cref="SealedMessages"/>): its words 举报 and 线索 are nowhere else. Day 0 is Monday 2025-03-03 in
/// China time.
/// </summary>
public static class Corpus
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static readonly DateTimeOffset Day0 = new(2025, 3, 3, 0, 0, 0, China);

    public static IReadOnlyList<SeedMessage> Messages { get; } =
    [
        Citizen("m1", "u1", 0, 9, "河道 污染 严重 ， 请 尽快 处理", "negative", "环保", "angry", "污染举报", 80, 1) with { Assignee = "张三" },
        Citizen("m2", "u2", 0, 23.5, "河道 污染 又 来 了 ， 臭味 严重", "negative", "环保", "angry", "污染举报", 60, 1),
        Citizen("m3", "u1", 1, 0.5, "感谢 政务 微信 及时 回复", "positive", "政务", "happy", "政务查询", 10, null)
            with { RepliedAt = At(1, 1), ResolvedAt = At(1, 2) },
        Citizen("m4", "u3", 1, 10, "小区 停水 三 天 ， 老人 孩子 没 水 喝", "negative", "民生", "sad", "政务查询", 95, null),
        Citizen("m5", "u2", 8, 10, "扫黑除恶 举报 线索 扫黑除恶", "negative", "治安", "fear", "涉黑举报", 70, null),
        Citizen("m6", "u4", 1, 11, "河道 治理 效果 很 好", "positive", "环保", "happy", null, 5, null, account: "gh_b")
            with { RepliedAt = At(1, 13) },
        Citizen("c1", "u1", 2, 9, "河道 还是 很 臭", "negative", "环保", "disgust", null, null, null, source: "wechat-comment"),
        Post("p1", 0, 8, "关于 河道 治理 的 通知", "环保"),
        Post("p2", 7, 8, "扫黑除恶 专项 斗争 通报", "治安"),
        Post("p3", 9, 8, "扫黑除恶 宣传 进 社区", "治安", account: "gh_b"),
        Post("p4", 10, 8, "扫黑除恶 成果 展览", "治安", account: "gh_b"),
    ];

    public static DateTimeOffset At(int day, double hour) => Day0.AddDays(day).AddHours(hour);

    private static SeedMessage Citizen(
        string id, string author, int day, double hour, string tokens, string sentiment, string topic, string emotion,
        string? service, int? urgency, long? cluster, string account = "gh_a", string source = "wechat") =>
        new(
            new Message
            {
                SourceKind = source,
                SourceId = id,
                Account = account,
                Author = author,
                Time = At(day, hour),
                Text = tokens.Replace(" ", string.Empty, StringComparison.Ordinal),
            },
            Analysis(tokens, sentiment, topic, emotion, day, hour) with
            {
                ServiceFunction = service is null ? null : new ServiceFunctionMatch(service, [tokens.Split(' ')[0]]),
                Urgency = urgency is null ? null : new UrgencyAssessment(urgency.Value, urgency > 50 ? ["危险词"] : []),
                NearDuplicate = cluster is null ? null : new NearDuplicate(0xF0F0_0000_0000_0001UL, cluster.Value),
            });

    private static SeedMessage Post(string id, int day, double hour, string tokens, string topic, string account = "gh_a") =>
        new(
            new Message
            {
                SourceKind = "wechat-article",
                SourceId = id,
                Account = account,
                Time = At(day, hour),
                Kind = "article",
                Title = tokens.Replace(" ", string.Empty, StringComparison.Ordinal),
                Text = tokens.Replace(" ", string.Empty, StringComparison.Ordinal),
            },
            Analysis(tokens, "positive", topic, "neutral", day, hour));

    private static AnalysisResult Analysis(string tokens, string sentiment, string topic, string emotion, int day, double hour) => new()
    {
        MessageId = 0,
        Tokens = tokens.Split(' '),
        Sentiment = sentiment == "positive" ? new SentimentPrediction(sentiment, 0.9, 0.9) : new SentimentPrediction(sentiment, 0.8, 0.2),
        ModelVersion = "sentiment-test",
        DictionaryVersion = "jieba-test",
        AnalysedAt = At(day, hour + 0.01),
        Topic = new ScoredLabel(topic, 0.7),
        Emotion = new ScoredLabel(emotion, 0.6),
    };

    /// <summary>The first two weeks, whole China days.</summary>
    public static MessageFilter TwoWeeks => new() { From = Day0, To = Day0.AddDays(14) };
}
