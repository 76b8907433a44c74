using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Queries;
using Monitor.Ingest;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Tests.Alerts;

/// <summary>A real SQLite store with analysed messages put at chosen hours, an alert state file and a clock.</summary>
internal sealed class AlertWorld : IDisposable
{
    /// <summary>Thursday 2026-11-26 15:05 China time: the evaluation looks at 14:00–15:00.</summary>
    public static readonly DateTimeOffset EvaluatedAt = new(2026, 11, 26, 15, 5, 0, TimeSpan.FromHours(8));

    public static readonly DateTimeOffset HourStart = new(2026, 11, 26, 14, 0, 0, TimeSpan.FromHours(8));

    private readonly TestStore _store = new();
    private int _next;

    public AlertWorld(params AlertRule[] rules)
    {
        Options = new AlertOptions { MinimumSpacing = TimeSpan.FromHours(6) };
        foreach (var rule in rules)
        {
            Options.Rules.Add(rule);
        }

        Queries = IndexServiceCollectionExtensions.OpenSqliteQueries(Path.Combine(_store.Directory, "monitor.db"));
        State = new AlertStateStore(Path.Combine(_store.Directory, "alerts.db"));
        Evaluator = new BurstAlertEvaluator(Queries, State, Microsoft.Extensions.Options.Options.Create(Options), Clock);
    }

    public AlertOptions Options { get; }

    public string Directory => _store.Directory;

    public ManualClock Clock { get; } = new(EvaluatedAt);

    public IMessageStore Store => _store.Store;

    public IMessageQueries Queries { get; }

    public AlertStateStore State { get; }

    public BurstAlertEvaluator Evaluator { get; }

    public static AlertRule Keyword(string id, string keyword, int minimum = 5) =>
        new() { Id = id, Split = AlertSplit.Keyword, Value = keyword, ThresholdFactor = 3, MinimumCount = minimum };

    /// <summary>Stores <paramref name="count"/> analysed messages at <paramref name="time"/>, the first <paramref name="negative"/> negative.</summary>
    public async Task AddAsync(DateTimeOffset time, int count, string text = "强制 拆迁 补偿", int negative = 0, string topic = "城建", string? service = null)
    {
        var token = TestContext.Current.CancellationToken;
        var messages = new List<Message>();
        for (var i = 0; i < count; i++)
        {
            messages.Add(new Message
            {
                SourceKind = "wechat",
                SourceId = "m" + _next++,
                Account = "gh_test",
                Author = "p" + (_next % 7),
                Time = time.AddMinutes(i % 50),
                Text = text.Replace(" ", string.Empty, StringComparison.Ordinal) + _next,
            });
        }

        await Store.IngestBatchAsync(messages, token);
        var ids = new Dictionary<string, long>();
        await foreach (var stored in Store.ExportAsync(token))
        {
            ids[stored.Message.SourceId] = stored.Id;
        }

        await Store.SaveAnalysesAsync(
            [.. messages.Select((m, i) => new AnalysisResult
            {
                MessageId = ids[m.SourceId],
                Tokens = [.. text.Split(' ')],
                Sentiment = SentimentPrediction.FromPositiveProbability(i < negative ? 0.1 : 0.9),
                Topic = new ScoredLabel(topic, 0.9),
                ServiceFunction = service is null ? null : new ServiceFunctionMatch(service, []),
                Urgency = service is null ? null : new UrgencyAssessment(90, []),
                ModelVersion = "test",
                DictionaryVersion = "test",
                AnalysedAt = time,
            })],
            token);
    }

    /// <summary>The same hour on the same weekday 1, 2, 3 and 4 weeks before, with these counts.</summary>
    public async Task AddBaselineAsync(params int[] counts)
    {
        for (var week = 1; week <= counts.Length; week++)
        {
            await AddAsync(HourStart.AddDays(-7 * week), counts[week - 1]);
        }
    }

    public void Dispose() => _store.Dispose();
}
