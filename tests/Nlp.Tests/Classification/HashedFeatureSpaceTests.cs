using Monitor.Nlp.Classification;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Classification;

public sealed class HashedFeatureSpaceTests : IDisposable
{
    private static readonly string[] Texts =
    [
        "房间干净整洁，服务很好[赞]",
        "房间很脏，服务不好[怒]",
        "味道不错，送餐很快",
        "送餐太慢，味道不好",
        "服务很好，下次还来",
    ];

    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-features-" + Guid.NewGuid().ToString("N"));

    private static HashedFeatureSpace Fit(bool naiveBayes) => HashedFeatureSpace.Fit(
        new HashedFeatureSettings { CharBits = 12, WordBits = 12, NaiveBayes = naiveBayes },
        Texts.Select(t => (t, Shared.Segmenter.Cut(t))).ToList(),
        [true, false, true, false, true],
        TestContext.Current.CancellationToken);

    /// <summary>Unlabelled texts sharpen the IDF but do not add to the vocabulary the model can use.</summary>
    [Fact]
    public void IdfOnlyTextsChangeTheWeightsButNotTheVocabulary()
    {
        var settings = new HashedFeatureSettings { CharBits = 12, WordBits = 12 };
        var rows = Texts.Select(t => (t, Shared.Segmenter.Cut(t))).ToList();
        string[] unlabeled = ["服务很好，服务很好", "服务一般", "停车场很大", "停车场很大", "停车场很大"];
        var counts = HashedFeatureSpace.CountDocuments(settings, unlabeled.Select(t => (t, Shared.Segmenter.Cut(t))).ToList(), TestContext.Current.CancellationToken);

        var plain = HashedFeatureSpace.Fit(settings, rows, null, TestContext.Current.CancellationToken);
        var sharpened = HashedFeatureSpace.Fit(settings, rows, null, TestContext.Current.CancellationToken, counts);

        Assert.Equal(plain.ActiveSlots, sharpened.ActiveSlots);
        Assert.Equal(Texts.Length + unlabeled.Length, sharpened.TrainingRows);
        var text = "服务很好";
        Assert.NotEqual(plain.Featurize(text, Shared.Segmenter.Cut(text)).GetValues().ToArray(), sharpened.Featurize(text, Shared.Segmenter.Cut(text)).GetValues().ToArray());
        // 停车场 is in no labelled row: it stays outside the vocabulary.
        Assert.Equal(0, sharpened.Featurize("停车场", Shared.Segmenter.Cut("停车场")).GetValues().Length);
    }

    [Fact]
    public void EachBlockOfAVectorHasUnitLengthAndIndicesAscend()
    {
        var space = Fit(naiveBayes: false);
        var text = Texts[0];
        var vector = space.Featurize(text, Shared.Segmenter.Cut(text));
        var indices = vector.GetIndices().ToArray();
        var values = vector.GetValues().ToArray();

        Assert.Equal(space.Dimension, vector.Length);
        Assert.NotEmpty(indices);
        Assert.True(indices.Zip(indices.Skip(1)).All(p => p.First < p.Second));
        var sumOfSquares = values.Sum(v => (double)v * v);
        Assert.Equal(2.0, sumOfSquares, 4);
    }

    [Fact]
    public void SlotsSeenInOneTrainingRowOnlyAreDropped()
    {
        var space = Fit(naiveBayes: false);
        const string unseen = "彗星撞地球";

        var vector = space.Featurize(unseen, Shared.Segmenter.Cut(unseen));

        Assert.Equal(0, vector.GetValues().Length);
    }

    [Fact]
    public void NaiveBayesWeightsGiveSignedFeatures()
    {
        var space = Fit(naiveBayes: true);
        var text = "服务很好";

        var values = space.Featurize(text, Shared.Segmenter.Cut(text)).GetValues().ToArray();

        Assert.Contains(values, v => v > 0);
    }

    [Fact]
    public void ASavedSpaceLoadsBackAndGivesTheSameVectors()
    {
        Directory.CreateDirectory(root);
        var space = Fit(naiveBayes: true);
        var path = Path.Combine(root, HashedFeatureSpace.FileName);

        space.Save(path);
        var loaded = HashedFeatureSpace.Load(path);

        Assert.Equal(space.Settings, loaded.Settings);
        Assert.Equal(space.Dimension, loaded.Dimension);
        foreach (var text in Texts.Append("没有新词的句子"))
        {
            var tokens = Shared.Segmenter.Cut(text);
            Assert.Equal(space.Featurize(text, tokens).GetIndices().ToArray(), loaded.Featurize(text, tokens).GetIndices().ToArray());
            Assert.Equal(space.Featurize(text, tokens).GetValues().ToArray(), loaded.Featurize(text, tokens).GetValues().ToArray());
        }
    }

    /// <summary>The calibration temperature lives in the space: both featurizers stretch every block and the file keeps it.</summary>
    [Fact]
    public void AnOutputScaleStretchesEveryBlockAndIsSavedWithTheSpace()
    {
        Directory.CreateDirectory(root);
        var space = Fit(naiveBayes: true);
        var stretched = space.WithOutputScale(2.5f);
        var path = Path.Combine(root, HashedFeatureSpace.FileName);
        stretched.Save(path);
        var loaded = HashedFeatureSpace.Load(path);

        Assert.Equal(1f, space.OutputScale);
        Assert.Equal(2.5f, loaded.OutputScale);
        Assert.Contains("2.500", loaded.Describe(), StringComparison.Ordinal);
        foreach (var text in Texts)
        {
            var tokens = Shared.Segmenter.Cut(text);
            var plain = space.Featurize(text, tokens).GetValues().ToArray();
            var values = loaded.Featurize(text, tokens).GetValues().ToArray();
            Assert.Equal(plain.Length, values.Length);
            Assert.All(plain.Zip(values), p => Assert.Equal(p.First * 2.5, p.Second, 5));
            Assert.Equal(2 * 2.5 * 2.5, values.Sum(v => (double)v * v), 3);

            List<int> columns = [], plainColumns = [];
            List<float> unordered = [], plainUnordered = [];
            loaded.FeaturizeUnordered(text, tokens, columns, unordered);
            space.FeaturizeUnordered(text, tokens, plainColumns, plainUnordered);
            Assert.Equal(plainColumns, columns);
            Assert.All(plainUnordered.Zip(unordered), p => Assert.Equal(p.First * 2.5, p.Second, 5));
        }
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void AnOutputScaleMustBeAPositiveNumber(float scale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Fit(naiveBayes: false).WithOutputScale(scale));
    }

    /// <summary>Models trained before the scale existed keep loading (their file has no scale: 1).</summary>
    [Fact]
    public void AFileWrittenBeforeTheOutputScaleLoadsWithScaleOne()
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "v1-features.bin");
        using (var file = File.Create(path))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var writer = new BinaryWriter(zip, System.Text.Encoding.UTF8))
        {
            writer.Write("monitor-hashed-features-v1");
            foreach (var value in new[] { 3, 1, 10, 10, 1 })
            {
                writer.Write(value);
            }

            writer.Write(false);
            writer.Write(5);  // training rows
            writer.Write(1);  // one active slot
            writer.Write7BitEncodedInt(17);
            writer.Write(0.75f);
        }

        var loaded = HashedFeatureSpace.Load(path);

        Assert.Equal(1f, loaded.OutputScale);
        Assert.Equal(1, loaded.ActiveSlots);
        Assert.Equal(0.75f, loaded.ColumnWeight(loaded.ColumnOf(17)));
    }

    [Fact]
    public void AFileOfAnotherKindIsRefusedWithItsPath()
    {
        Directory.CreateDirectory(root);
        var path = Path.Combine(root, "not-features.bin");
        using (var file = File.Create(path))
        using (var zip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write("something else");
        }

        var error = Assert.Throws<InvalidDataException>(() => HashedFeatureSpace.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeiboEmoticonsAreFoundAsWholeTokens()
    {
        Assert.Equal(["[怒]", "[哈哈]"], SentimentFeatureText.Emoticons("气死了[怒]，算了[哈哈] [不是 表情] []").ToArray());
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
