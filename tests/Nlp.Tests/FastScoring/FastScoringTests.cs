using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.Classification;
using Monitor.Nlp.FastScoring;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.FastScoring;

public sealed class FastScoringTests
{
    private static readonly string[] Texts =
    [
        "小区电梯困人了，物业一直不管！", "工地半夜施工噪音扰民 已经投诉3次", "感谢工作人员及时处理👍", "hotel 很干净 [哈哈]", "",
        "请问公积金贷款需要哪些材料？", "Ｗｉ-Ｆｉ 信号差。。。", "不 不是 没有 别", "2019年4月25日9:32 水4.23一吨",
    ];

    private sealed class Row
    {
        public string Words { get; set; } = "";

        public string Text { get; set; } = "";
    }

    [Theory]
    [InlineData(19, 2, 19, 3)]
    [InlineData(16, 1, 16, 2)]
    [InlineData(18, 3, 17, 4)]
    public void OurFeaturesAreMlNetsHashedWordAndCharacterBags(int wordBits, int wordN, int charBits, int charN)
    {
        var segmenter = TextSegmenterFactory.CreateFast();
        var rows = Texts.Select(t => new Row { Words = string.Join(' ', segmenter.Cut(t)), Text = t }).ToList();
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.ProduceHashedWordBags("W", nameof(Row.Words), numberOfBits: wordBits, ngramLength: wordN, useAllLengths: true)
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("K", nameof(Row.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("C", "K", numberOfBits: charBits, ngramLength: charN, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("W"))
            .Append(ml.Transforms.NormalizeLpNorm("C"))
            .Append(ml.Transforms.Concatenate("F", "W", "C"));
        // Copied row by row: the column getter reuses one buffer.
        var expected = pipeline.Fit(data).Transform(data).GetColumn<VBuffer<float>>("F")
            .Select(v => v.Items().Where(p => p.Value != 0).ToDictionary(p => p.Key, p => p.Value)).ToList();
        var features = new HashedNgramFeatures(wordBits, wordN, charBits, charN);
        var actual = new Dictionary<int, float>();

        for (var i = 0; i < rows.Count; i++)
        {
            features.Compute(rows[i].Words, rows[i].Text, actual, []);
            var mlNet = expected[i];
            Assert.Equal(mlNet.Keys.Order(), actual.Keys.Order());
            Assert.All(mlNet, p => Assert.Equal(p.Value, actual[p.Key], 5));
        }
    }

    /// <summary>
    /// Emotion and sentiment are trained on our <see cref="HashedFeatureSpace"/> (features.bin beside model.zip), so the
    /// loader must take them off ML.NET and give the same probabilities on real messages it never probed.
    /// </summary>
    [Fact]
    public void TheModelsOnOurFeaturesAreAcceleratedAndGiveMlNetsProbabilitiesOnRealMessages()
    {
        var inputs = RealInputs();
        var path = Path.Combine(RepositoryPaths.Root, "models", "emotion", "model.zip");
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "models", "emotion", HashedFeatureSpace.FileName)));
        var emotion = TextClassifierFactory.Load(path, "emotion");
        var fastEmotion = FastScoringLoader.Accelerate(emotion, path);
        Assert.True(FastScoringLoader.IsAccelerated(fastEmotion), "emotion: the fast path did not reproduce ML.NET on the probe texts");
        Assert.Equal(emotion.Labels, fastEmotion.Labels);
        var expected = emotion.ClassifyBatch(inputs);
        var actual = fastEmotion.ClassifyBatch(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.Equal(expected[i].Probabilities.Count, actual[i].Probabilities.Count);
            Assert.All(expected[i].Probabilities.Zip(actual[i].Probabilities), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));
        }

        // Single texts go through the same fast path.
        Assert.Equal(actual[0].Probabilities, fastEmotion.Classify(inputs[0].Text, inputs[0].Tokens).Probabilities);

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(RepositoryPaths.SentimentModel)!, HashedFeatureSpace.FileName)));
        var sentiment = SentimentClassifierFactory.Load(RepositoryPaths.SentimentModel);
        var fastSentiment = FastScoringLoader.Accelerate(sentiment, RepositoryPaths.SentimentModel);
        Assert.True(FastScoringLoader.IsAccelerated(fastSentiment), "sentiment: the fast path did not reproduce ML.NET on the probe texts");
        var sentimentInputs = inputs.ConvertAll(i => new SentimentInput(i.Text, i.Tokens));
        var before = sentiment.ClassifyBatch(sentimentInputs);
        var after = fastSentiment.ClassifyBatch(sentimentInputs);
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), p => Assert.InRange(Math.Abs(p.First.PositiveProbability - p.Second.PositiveProbability), 0, 1e-4));
    }

    /// <summary>
    /// Topic is trained on our features too (shorter n-grams than sentiment and emotion): the loader takes it off
    /// ML.NET with the same probabilities on real messages it never probed.
    /// </summary>
    [Fact]
    public void TheTopicModelOnOurFeaturesIsAcceleratedAndGivesMlNetsProbabilities()
    {
        var inputs = RealInputs();
        var path = Path.Combine(RepositoryPaths.Root, "models", "topic", "model.zip");
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "models", "topic", HashedFeatureSpace.FileName)));
        var topic = TextClassifierFactory.Load(path, "topic");
        var fast = FastScoringLoader.Accelerate(topic, path);

        Assert.True(FastScoringLoader.IsAccelerated(fast), "topic: the fast path did not reproduce ML.NET on the probe texts");
        var expected = topic.ClassifyBatch(inputs);
        var actual = fast.ClassifyBatch(inputs);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.Equal(expected[i].Label, actual[i].Label);
            Assert.All(expected[i].Probabilities.Zip(actual[i].Probabilities), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));
        }
    }

    /// <summary>
    /// One featurization for the three committed models (sentiment and emotion on character 1–4 + word 1–2-grams,
    /// topic on shorter n-grams of the same hash space): each model's probabilities on 200 real messages are ML.NET's.
    /// </summary>
    [Fact]
    public void TheJointScorerGivesEachModelsOwnProbabilitiesOnRealMessages()
    {
        var inputs = RealInputs();
        var models = Path.Combine(RepositoryPaths.Root, "models");
        var sentiment = SentimentClassifierFactory.Load(RepositoryPaths.SentimentModel);
        var emotion = TextClassifierFactory.Load(Path.Combine(models, "emotion", "model.zip"), "emotion");
        var topic = TextClassifierFactory.Load(Path.Combine(models, "topic", "model.zip"), "topic");
        var joint = FastScoringLoader.Combine(
            FastScoringLoader.Accelerate(sentiment, RepositoryPaths.SentimentModel),
            FastScoringLoader.Accelerate(emotion, Path.Combine(models, "emotion", "model.zip")),
            FastScoringLoader.Accelerate(topic, Path.Combine(models, "topic", "model.zip")));

        Assert.NotNull(joint);
        var scored = joint.ScoreBatch(inputs);
        var sentiments = sentiment.ClassifyBatch(inputs.ConvertAll(i => new SentimentInput(i.Text, i.Tokens)));
        var emotions = emotion.ClassifyBatch(inputs);
        var topics = topic.ClassifyBatch(inputs);
        Assert.Equal(inputs.Count, scored.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            Assert.InRange(Math.Abs(sentiments[i].PositiveProbability - scored[i].Sentiment.PositiveProbability), 0, 1e-4);
            Assert.Equal(emotions[i].Label, scored[i].Emotion.Label);
            Assert.Equal(topics[i].Label, scored[i].Topic.Label);
            Assert.All(emotions[i].Probabilities.Zip(scored[i].Emotion.Probabilities), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));
            Assert.All(topics[i].Probabilities.Zip(scored[i].Topic.Probabilities), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-4));
        }

        // A model that is not on the fast path (here: ML.NET's own classifier) keeps every model on its own.
        Assert.Null(FastScoringLoader.Combine(sentiment, emotion, topic));
    }

    private static List<TextInput> RealInputs()
    {
        var segmenter = TextSegmenterFactory.CreateFast();
        var file = Path.Combine(RepositoryPaths.Root, "..", "shared", "data", "gov_messages_teddy2020", "messages_labeled.csv");
        var texts = LabeledCsvReaderTexts(file).Take(200).Concat(Texts).ToList();
        Assert.True(texts.Count >= 200 + Texts.Length);
        return texts.ConvertAll(t => new TextInput(t, segmenter.Cut(t)));
    }

    [Fact]
    public void AModelThatIsNotALinearTextModelStaysOnMlNet()
    {
        var notAModel = Path.Combine(Path.GetTempPath(), "no-model-" + Guid.NewGuid().ToString("N") + ".zip");
        var sentiment = SentimentClassifierFactory.Load(RepositoryPaths.SentimentModel);

        Assert.Same(sentiment, FastScoringLoader.Accelerate(sentiment, notAModel));
    }

    private static IEnumerable<string> LabeledCsvReaderTexts(string file) =>
        Monitor.Nlp.Topics.LabeledCsvReader.ReadTextsAsync(file, ["留言主题", "留言详情"], CancellationToken.None).GetAwaiter().GetResult();
}
