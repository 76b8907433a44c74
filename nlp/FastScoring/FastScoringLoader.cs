using System.Numerics;
using Microsoft.ML;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.FastScoring;

/// <summary>
/// Replaces ML.NET's per-row scoring for batches when — and only when — it gives the same probabilities: reads the
/// linear model out of the model file; for a model trained on our <see cref="HashedFeatureSpace"/> (<c>features.bin</c>
/// beside it) applies its weights to that featurizer's vectors, otherwise finds the n-gram lengths and hash bits that reproduce the ML.NET
/// classifier on probe texts (to 1e-4), and otherwise returns the ML.NET classifier unchanged. So a retrained model
/// with another featurizer still works, just at ML.NET's speed. ML.NET's hashed n-grams cost ~50–100 µs per short
/// message per model (bench/README.md); this path a few µs.
/// </summary>
public static class FastScoringLoader
{
    private const double Tolerance = 1e-4;

    /// <summary>Texts that exercise ASCII, CJK, full-width punctuation, emoji (surrogate pairs), digits and empty tokens.</summary>
    private static readonly string[] ProbeTexts =
    [
        "小区电梯困人了，物业一直不管，太气人了！", "感谢工作人员及时处理，点赞👍", "请问公积金贷款需要哪些材料？", "工地半夜施工噪音扰民 已经投诉3次",
        "这家外卖太难吃了，再也不点了", "hotel room was clean, 服务很好 [哈哈]", "没有 不 别 未 不是", "Ｗｉ-Ｆｉ 信号差", "疫情期间口罩买不到，很担心家里老人",
        "辟谣：网传消息不实", "好", "。。。！！！", "A3区  杜鹃文苑小区外的非法汽车检测站要开业了！", "2019年4月25日9:32 出现了一番乱象（水4.23一吨）",
        "😀😀 开心 🎉", "路灯坏了三个月了还没修", "孩子上学的路被挖断了，下雨全是泥", "房价太高了，年轻人买不起",
    ];

    /// <summary>The multiclass <paramref name="inner"/> loaded from <paramref name="modelZipPath"/>, accelerated when provably equal.</summary>
    public static ITextClassifier Accelerate(ITextClassifier inner, string modelZipPath)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner is FirstLineTopicClassifier twoPart)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(ModelZip(modelZipPath)))!;
            return new FirstLineTopicClassifier(
                Accelerate(twoPart.Whole, modelZipPath),
                Accelerate(twoPart.FirstLine, Path.Combine(folder, FirstLineTopicClassifier.FolderName, "model.zip")));
        }

        if (ReadLinear(modelZipPath) is not { IsBinary: false } model)
        {
            return inner;
        }

        var probes = Probes();
        var expected = inner.ClassifyBatch(probes);
        if (HashedFeatures(modelZipPath, model) is { } space)
        {
            var hashed = new FastHashedTextClassifier(inner, space, model);
            var scored = hashed.ClassifyBatch(probes);
            return Enumerable.Range(0, probes.Count).All(i => Same(expected[i].Probabilities, scored[i].Probabilities)) ? hashed : inner;
        }

        foreach (var features in Candidates(model.FeatureCount))
        {
            var fast = new FastTextClassifier(inner, features, model);
            var actual = fast.ClassifyBatch(probes);
            if (Enumerable.Range(0, probes.Count).All(i => Same(expected[i].Probabilities, actual[i].Probabilities)))
            {
                return fast;
            }
        }

        return inner;
    }

    /// <summary>The sentiment classifier loaded from <paramref name="modelZipPath"/>, accelerated when provably equal.</summary>
    public static ISentimentClassifier Accelerate(ISentimentClassifier inner, string modelZipPath)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (ReadLinear(modelZipPath) is not { IsBinary: true } model)
        {
            return inner;
        }

        var probes = Probes().ConvertAll(p => new SentimentInput(p.Text, p.Tokens));
        var expected = inner.ClassifyBatch(probes);
        if (HashedFeatures(modelZipPath, model) is { } space)
        {
            var hashed = new FastHashedSentimentClassifier(inner, space, model);
            var scored = hashed.ClassifyBatch(probes);
            return Enumerable.Range(0, probes.Count).All(i => Math.Abs(expected[i].PositiveProbability - scored[i].PositiveProbability) <= Tolerance) ? hashed : inner;
        }

        foreach (var features in Candidates(model.FeatureCount))
        {
            var fast = new FastSentimentClassifier(inner, features, model);
            var actual = fast.ClassifyBatch(probes);
            if (Enumerable.Range(0, probes.Count).All(i => Math.Abs(expected[i].PositiveProbability - actual[i].PositiveProbability) <= Tolerance))
            {
                return fast;
            }
        }

        return inner;
    }

    /// <summary>
    /// One featurization for the three text models (<see cref="JointHashedScorer"/>), when all three are on the fast
    /// path over <c>features.bin</c> with the same n-gram shape and the joint scorer gives each model's own
    /// probabilities on the probe texts (to 1e-4); otherwise null, and each model scores on its own.
    /// </summary>
    public static IMessageModelScorer? Combine(ISentimentClassifier sentiment, ITextClassifier emotion, ITextClassifier topic)
    {
        ArgumentNullException.ThrowIfNull(sentiment);
        ArgumentNullException.ThrowIfNull(emotion);
        ArgumentNullException.ThrowIfNull(topic);
        if (JointHashedScorer.TryCreate(sentiment, emotion, topic) is not { } joint)
        {
            return null;
        }

        var probes = Probes();
        var scored = joint.ScoreBatch(probes);
        var sentiments = sentiment.ClassifyBatch(probes.ConvertAll(p => new SentimentInput(p.Text, p.Tokens)));
        var emotions = emotion.ClassifyBatch(probes);
        var topics = topic.ClassifyBatch(probes);
        var same = Enumerable.Range(0, probes.Count).All(i =>
            Math.Abs(sentiments[i].PositiveProbability - scored[i].Sentiment.PositiveProbability) <= Tolerance
            && Same(emotions[i].Probabilities, scored[i].Emotion.Probabilities)
            && Same(topics[i].Probabilities, scored[i].Topic.Probabilities));
        return same ? joint : null;
    }

    /// <summary>True when <paramref name="classifier"/> is one of ours (the fast path is in use).</summary>
    public static bool IsAccelerated(object classifier) =>
        classifier is FastTextClassifier or FastSentimentClassifier or FastHashedTextClassifier or FastHashedSentimentClassifier
        || (classifier is FirstLineTopicClassifier twoPart && IsAccelerated(twoPart.Whole) && IsAccelerated(twoPart.FirstLine));

    /// <summary>
    /// The <see cref="HashedFeatureSpace"/> beside a model trained on it (<c>features.bin</c>), when its length is the
    /// linear model's; null for a model whose featurizer is inside ML.NET's pipeline.
    /// </summary>
    private static HashedFeatureSpace? HashedFeatures(string modelZipPath, LinearTextModel model)
    {
        modelZipPath = ModelZip(modelZipPath);
        if (!HashedModelFiles.HasFeatures(modelZipPath))
        {
            return null;
        }

        var space = HashedFeatureSpace.Load(HashedModelFiles.FeaturesPathBeside(modelZipPath));
        return space.Dimension == model.FeatureCount ? space : null;
    }

    private static string ModelZip(string path) => Directory.Exists(path) ? Path.Combine(path, "model.zip") : path;

    private static LinearTextModel? ReadLinear(string modelZipPath)
    {
        modelZipPath = ModelZip(modelZipPath);

        if (!File.Exists(modelZipPath))
        {
            return null;
        }

        var ml = new MLContext(seed: 1);
        using var stream = File.OpenRead(modelZipPath);
        return LinearTextModel.TryRead(ml.Model.Load(stream, out _));
    }

    /// <summary>
    /// Featurizers whose length matches the model: 2^w + 2^c slots (the two block sizes read off the set bits, either
    /// order when they differ) and n-gram lengths 1–3 for words, 1–4 for characters.
    /// </summary>
    private static IEnumerable<HashedNgramFeatures> Candidates(int featureCount)
    {
        var bits = new List<(int Word, int Char)>();
        if (BitOperations.PopCount((uint)featureCount) == 1)
        {
            var b = BitOperations.Log2((uint)featureCount) - 1;
            bits.Add((b, b));
        }
        else if (BitOperations.PopCount((uint)featureCount) == 2)
        {
            var high = BitOperations.Log2((uint)featureCount);
            var low = BitOperations.TrailingZeroCount(featureCount);
            bits.Add((high, low));
            bits.Add((low, high));
        }

        foreach (var (word, chars) in bits)
        {
            for (var wordN = 1; wordN <= 3; wordN++)
            {
                for (var charN = 1; charN <= 4; charN++)
                {
                    yield return new HashedNgramFeatures(word, wordN, chars, charN);
                }
            }
        }
    }

    private static List<TextInput> Probes() =>
        ProbeTexts.Select(t => new TextInput(t, ProbeTokens(t))).ToList();

    /// <summary>Any tokenisation proves the featurizer equal; pairs of characters with spaces dropped give word 1–3-grams of both kinds.</summary>
    private static string[] ProbeTokens(string text)
    {
        var tokens = new List<string>();
        for (var i = 0; i < text.Length; i += 2)
        {
            tokens.Add(text.Substring(i, Math.Min(2, text.Length - i)).Trim());
        }

        return [.. tokens];
    }

    private static bool Same(IReadOnlyList<float> expected, IReadOnlyList<float> actual) =>
        expected.Count == actual.Count && Enumerable.Range(0, expected.Count).All(i => Math.Abs(expected[i] - actual[i]) <= Tolerance);
}
