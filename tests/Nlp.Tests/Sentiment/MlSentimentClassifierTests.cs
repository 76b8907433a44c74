using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Sentiment;

public sealed class MlSentimentClassifierTests
{
    private static readonly string[] Positive =
    [
        "房间干净整洁，服务员态度非常好，下次还会再来。",
        "送餐很快，味道很棒，好评！",
        "质量很好，物流也快，非常满意。",
        "感谢社区工作人员耐心帮忙，办事效率很高，点赞！",
    ];

    private static readonly string[] Negative =
    [
        "房间又脏又小，隔音很差，再也不会来了。",
        "送餐太慢了，饭都凉了，味道很难吃。",
        "质量太差，用了两天就坏了，客服也不理人，差评。",
        "打了好几次电话都没人接，问题一直没有解决，太失望了。",
    ];

    private static ISentimentClassifier Classifier => Shared.Classifier;

    [Fact]
    public void ModelLoadsAndHasAVersionFromItsHash()
    {
        Assert.Matches("^sentiment-[0-9a-f]{12}$", Classifier.ModelVersion);
        Assert.Equal(SentimentClassifierFactory.ModelVersionOf(RepositoryPaths.SentimentModel), Classifier.ModelVersion);
    }

    [Fact]
    public void ObviousPositiveSentencesArePositive()
    {
        foreach (var text in Positive)
        {
            var prediction = Classifier.Classify(text, Shared.Segmenter.Cut(text));
            Assert.True(prediction.Label == SentimentPrediction.Positive, $"'{text}': {prediction}");
            Assert.InRange(prediction.Score, 0.5, 1.0);
        }
    }

    [Fact]
    public void ObviousNegativeSentencesAreNegative()
    {
        foreach (var text in Negative)
        {
            var prediction = Classifier.Classify(text, Shared.Segmenter.Cut(text));
            Assert.True(prediction.Label == SentimentPrediction.Negative, $"'{text}': {prediction}");
            Assert.Equal(1 - prediction.PositiveProbability, prediction.Score, 1e-9);
        }
    }

    [Fact]
    public void EmptyTextIsScoredWithoutThrowing()
    {
        var prediction = Classifier.Classify(string.Empty, []);

        Assert.InRange(prediction.PositiveProbability, 0.0, 1.0);
    }

    [Fact]
    public void ClassifyBatchEqualsClassify()
    {
        var inputs = Positive.Concat(Negative).Select(t => new SentimentInput(t, Shared.Segmenter.Cut(t))).ToList();

        var batch = Classifier.ClassifyBatch(inputs);
        var single = inputs.Select(i => Classifier.Classify(i.Text, i.Tokens)).ToList();

        Assert.Equal(single, batch);
        Assert.Empty(Classifier.ClassifyBatch([]));
    }

    [Fact]
    public async Task ConcurrentClassifyGivesTheSequentialResults()
    {
        var inputs = File.ReadAllLines(RepositoryPaths.TestData("segmentation-golden.txt"))
            .Concat(Positive).Concat(Negative)
            .Select(t => new SentimentInput(t, Shared.Segmenter.Cut(t)))
            .ToList();
        var sequential = inputs.Select(i => Classifier.Classify(i.Text, i.Tokens)).ToList();

        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => Enumerable.Range(0, 10).SelectMany(_ => inputs).Select(i => Classifier.Classify(i.Text, i.Tokens)).ToList(),
            TestContext.Current.CancellationToken));
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(Enumerable.Range(0, 10).SelectMany(_ => sequential), r));
    }
}
