using Microsoft.Extensions.Logging.Abstractions;
using Monitor.Jobs.Pipeline;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Tests.Pipeline;

public sealed class AnalysisPipelineTests : IDisposable
{
    private readonly TestStore _store = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PendingMessagesAreAnalysedOnceWithTokensSentimentAndVersions()
    {
        await _store.AddAsync("1", "感谢社区工作人员，办事效率很高，非常满意！");
        await _store.AddAsync("2", "小区垃圾一个月没人清理，臭气熏天，太差劲了");
        var pipeline = Pipeline(Models.Sentiment);

        var analysed = await pipeline.DrainAsync(Token);
        var again = await pipeline.DrainAsync(Token);

        Assert.Equal(2, analysed);
        Assert.Equal(0, again);
        var stored = (await _store.Store.LatestAsync(10, null, Token)).OrderBy(m => m.Id).ToList();
        Assert.All(stored, m => Assert.Equal("done", m.AnalysisState));
        Assert.Equal("positive", stored[0].Analysis!.SentimentLabel);
        Assert.Equal("negative", stored[1].Analysis!.SentimentLabel);
        Assert.Contains("垃圾", stored[1].Analysis!.Tokens);
        Assert.StartsWith(Models.Sentiment.ModelVersion, stored[0].Analysis!.ModelVersion, StringComparison.Ordinal);
        Assert.NotNull(stored[1].Analysis!.Topic);
        Assert.NotNull(stored[1].Analysis!.Emotion);
        Assert.NotNull(stored[1].Analysis!.ServiceFunction);
        Assert.InRange(stored[1].Analysis!.Urgency!.Score, 0, 100);
        Assert.Equal(Models.Segmenter.DictionaryVersion, stored[0].Analysis!.DictionaryVersion);
    }

    [Fact]
    public async Task AMessageThatBreaksTheModelStaysStoredWithItsReasonWhileTheOthersAreAnalysed()
    {
        await _store.AddAsync("good-1", "路灯修好了，谢谢");
        await _store.AddAsync("bad", "这条消息让模型出错" + FailingSentiment.Poison);
        await _store.AddAsync("good-2", "噪音扰民，投诉多次没人管");

        await Pipeline(new FailingSentiment(Models.Sentiment)).DrainAsync(Token);

        var stored = (await _store.Store.LatestAsync(10, null, Token)).ToDictionary(m => m.Message.SourceId);
        Assert.Equal("done", stored["good-1"].AnalysisState);
        Assert.Equal("done", stored["good-2"].AnalysisState);
        Assert.Equal("failed", stored["bad"].AnalysisState);
        Assert.Contains("model failed on this input", stored["bad"].AnalysisError, StringComparison.Ordinal);
        // Retried later: due after its delay, then analysed by a healthy model.
        Assert.Empty(await _store.Store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow, Token));
        var retry = Assert.Single(await _store.Store.TakePendingAnalysesAsync(10, DateTimeOffset.UtcNow.AddMinutes(1), Token));
        Assert.Equal(stored["bad"].Id, retry.MessageId);
    }

    [Fact]
    public async Task RepostsWithSmallEditsJoinTheFirstMessagesClusterAndOthersDoNot()
    {
        const string original = "紧急通知：城关镇自来水厂今晚八点起停水检修，请各位居民提前储水，恢复时间另行通知。";
        var first = (await _store.AddAsync("p1", original)).MessageId!.Value;
        await _store.AddAsync("p2", original + "转发");
        await _store.AddAsync("other", "小区门口的垃圾桶坏了，希望物业尽快更换，谢谢。");
        var pipeline = Pipeline(Models.Sentiment);

        await pipeline.DrainAsync(Token);
        // A restarted pipeline (new in-memory index) must put a later repost in the same cluster.
        await _store.AddAsync("p3", "转：" + original);
        await Pipeline(Models.Sentiment).DrainAsync(Token);

        var stored = (await _store.Store.LatestAsync(10, null, Token)).ToDictionary(m => m.Message.SourceId);
        Assert.Equal(first, stored["p1"].Analysis!.NearDuplicate!.ClusterId);
        Assert.Equal(first, stored["p2"].Analysis!.NearDuplicate!.ClusterId);
        Assert.Equal(first, stored["p3"].Analysis!.NearDuplicate!.ClusterId);
        Assert.NotEqual(first, stored["other"].Analysis!.NearDuplicate!.ClusterId);
    }

    [Fact]
    public async Task ABacklogIsTakenInGrowingBatchesAndLiveTrafficInSmallOnes()
    {
        var backlog = (2 * AnalysisPipeline.MaxBatchSize) + 100;
        await _store.Store.IngestBatchAsync(
            [.. Enumerable.Range(0, backlog).Select(i => new Ingest.Message
            {
                SourceKind = "import",
                SourceId = "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Account = "gh_test",
                Time = DateTimeOffset.UtcNow,
                Text = "第" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "号小区路灯不亮，请尽快维修",
            })],
            Token);
        var recording = new RecordingSentiment(Models.Sentiment);
        var pipeline = Pipeline(recording);

        Assert.Equal(backlog, await pipeline.DrainAsync(Token));
        await _store.AddAsync("live", "刚才路灯修好了，谢谢");
        Assert.Equal(1, await pipeline.DrainAsync(Token));

        // 256, 512, 1024, then full batches of 1024 until the rest; the live message alone afterwards.
        var expected = new List<int> { 256, 512, 1024 };
        var left = backlog - expected.Sum();
        while (left > 0)
        {
            expected.Add(Math.Min(left, AnalysisPipeline.MaxBatchSize));
            left -= expected[^1];
        }

        expected.Add(1);
        Assert.Equal(expected, recording.BatchSizes);
        Assert.Equal(backlog + 1, (await _store.Store.CountAsync(Token)).Analysed);
    }

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(20, 3600)]
    public void RetryDelayDoublesUpToAnHour(int attempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), AnalysisPipeline.RetryDelay(attempts));

    private AnalysisPipeline Pipeline(ISentimentClassifier sentiment) =>
        new(_store.Store, Models.Segmenter, Models.Understanding(sentiment), new NearDuplicateClusters(_store.Store, TimeProvider.System), TimeProvider.System, NullLogger<AnalysisPipeline>.Instance);

    public void Dispose() => _store.Dispose();

    /// <summary>The real model, remembering how many messages each batch had.</summary>
    private sealed class RecordingSentiment(ISentimentClassifier inner) : ISentimentClassifier
    {
        public List<int> BatchSizes { get; } = [];

        public string ModelVersion => inner.ModelVersion;

        public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) => inner.Classify(text, tokens);

        public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs)
        {
            BatchSizes.Add(inputs.Count);
            return inner.ClassifyBatch(inputs);
        }
    }
}
