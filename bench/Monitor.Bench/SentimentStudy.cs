using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Bench;

/// <summary>
/// <c>sentiment-study [variant ...]</c>: fits sentiment variants on eight tenths of the non-validation rows and prints
/// each corpus's accuracy on the tuning tenth (hash mod 10 == 1). Validation rows (mod 10 == 0) are never read.
/// </summary>
public static class SentimentStudy
{
    public static int Run(string[] args)
    {
        var wanted = args.ToHashSet(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var fit = new List<Sample>();
        var tune = new List<Sample>();
        var corpora = SentimentCorpus.Defaults;
        for (var c = 0; c < corpora.Count; c++)
        {
            var rows = SentimentCsvReader.ReadAsync(Path.Combine(SharedData.Root, corpora[c].RelativePath), CancellationToken.None).GetAwaiter().GetResult();
            foreach (var row in rows.Where(r => !DatasetSplit.IsValidation(r.Review)))
            {
                var sample = new Sample(row.Review, segmenter.Cut(row.Review), row.Positive, c);
                (DatasetSplit.StableHash(row.Review) % 10 == 1 ? tune : fit).Add(sample);
            }
        }

        Console.WriteLine($"segmented: {fit.Count} fit, {tune.Count} tune rows in {clock.Elapsed.TotalSeconds:F0} s");
        var ml = new MLContext(seed: 1);
        if (wanted.Contains("cv"))
        {
            CrossValidate(ml, fit.Concat(tune).ToList());
            return 0;
        }

        foreach (var shape in new[] { (4, 2, "c4w2"), (5, 3, "c5w3"), (4, 3, "c4w3"), (5, 2, "c5w2"), (4, 2, "b22c4w2"), (4, 2, "b18c4w2") })
        {
            if (!wanted.Any(w => w.StartsWith(shape.Item3, StringComparison.Ordinal)))
            {
                continue;
            }

            var bits = shape.Item3.StartsWith("b22", StringComparison.Ordinal) ? 22 : shape.Item3.StartsWith("b18", StringComparison.Ordinal) ? 18 : 20;
            var settings = new HashedFeatureSettings { CharNgrams = shape.Item1, WordNgrams = shape.Item2, NaiveBayes = true, CharBits = bits, WordBits = bits };
            var space = HashedFeatureSpace.Fit(settings, fit.ConvertAll(s => (s.Text, s.Tokens)), fit.ConvertAll(s => s.Positive), CancellationToken.None);
            var fitX = fit.ConvertAll(s => space.Featurize(s.Text, s.Tokens));
            var tuneX = tune.ConvertAll(s => space.Featurize(s.Text, s.Tokens));
            var d = space.Dimension;
            Console.WriteLine($"{shape.Item3}: {space.ActiveSlots} slots");

            foreach (var l2 in new[] { 0.1f, 0.03f, 0.3f, 1f, 3f })
            {
                if (!wanted.Contains($"{shape.Item3}-joint-{l2.ToString(CultureInfo.InvariantCulture)}"))
                {
                    continue;
                }

                var watch = Stopwatch.StartNew();
                var model = Binary(ml, l2).Fit(Load(ml, fit.Select((s, i) => Row(fitX[i], s.Positive, 1f)), d));
                var scores = Scores(ml, model, tuneX.Select(x => Row(x, false, 1f)), d);
                Report($"{shape.Item3} joint L2={l2}", tune, scores, watch);
            }

            if (wanted.Contains($"{shape.Item3}-svm"))
            {
                var fitData = Load(ml, fit.Select((s, i) => Row(fitX[i], s.Positive, 1f)), d);
                foreach (var (lambda, iterations) in new[] { (1e-5f, 20), (3e-6f, 20), (1e-6f, 30) })
                {
                    var watch = Stopwatch.StartNew();
                    var svm = ml.BinaryClassification.Trainers.LinearSvm(new Microsoft.ML.Trainers.LinearSvmTrainer.Options
                    {
                        LabelColumnName = nameof(FeatureRow.Positive), FeatureColumnName = nameof(FeatureRow.Features), Lambda = lambda, NumberOfIterations = iterations,
                    }).Fit(fitData);
                    Report($"{shape.Item3} LinearSvm λ={lambda} it={iterations}", tune, Scores(ml, svm, tuneX.Select(x => Row(x, false, 1f)), d), watch);
                }

                foreach (var l2 in new[] { 1e-5f, 1e-4f })
                {
                    var watch = Stopwatch.StartNew();
                    var sdca = ml.BinaryClassification.Trainers.SdcaNonCalibrated(new Microsoft.ML.Trainers.SdcaNonCalibratedBinaryTrainer.Options
                    {
                        LabelColumnName = nameof(FeatureRow.Positive), FeatureColumnName = nameof(FeatureRow.Features), L2Regularization = l2, L1Regularization = 0f,
                        LossFunction = new Microsoft.ML.Trainers.HingeLoss(), MaximumNumberOfIterations = 30, NumberOfThreads = 2,
                    }).Fit(fitData);
                    Report($"{shape.Item3} SDCA hinge L2={l2}", tune, Scores(ml, sdca, tuneX.Select(x => Row(x, false, 1f)), d), watch);
                }
            }

            if (wanted.Contains($"{shape.Item3}-stack"))
            {
                Stack(ml, segmenter, space, fit, tune, fitX, tuneX, d);
            }

            if (wanted.Contains($"{shape.Item3}-ens"))
            {
                // NB-weighted and plain IDF features, each its own model, logits averaged.
                var watch = Stopwatch.StartNew();
                var plain = HashedFeatureSpace.Fit(settings with { NaiveBayes = false }, fit.ConvertAll(s => (s.Text, s.Tokens)), fit.ConvertAll(s => s.Positive), CancellationToken.None);
                var pd = plain.Dimension;
                var nbModel = Binary(ml, 0.3f).Fit(Load(ml, fit.Select((s, i) => Row(fitX[i], s.Positive, 1f)), d));
                var nbScores = Scores(ml, nbModel, tuneX.Select(x => Row(x, false, 1f)), d);
                var plainModel = Binary(ml, 0.1f).Fit(Load(ml, fit.Select(s => Row(plain.Featurize(s.Text, s.Tokens), s.Positive, 1f)), pd));
                var plainScores = Scores(ml, plainModel, tune.Select(s => Row(plain.Featurize(s.Text, s.Tokens), false, 1f)), pd);
                Report($"{shape.Item3} plain IDF L2=0.1", tune, plainScores, watch);
                foreach (var a in new[] { 0.3f, 0.5f, 0.7f })
                {
                    Report($"{shape.Item3} ens {a}·NB + {1 - a}·IDF", tune, nbScores.Select((v, i) => (a * v) + ((1 - a) * plainScores[i])).ToArray(), watch);
                }
            }

            if (wanted.Contains($"{shape.Item3}-feda") || wanted.Contains($"{shape.Item3}-router"))
            {
                // Router: which corpus a text is from, on the same features (NB-weighted: what the joint scorer already computes).
                var watch = Stopwatch.StartNew();
                var router = Multiclass(ml, 0.1f).Fit(ml.Transforms.Conversion.MapValueToKey("Label").Fit(LoadLabeled(ml, fit.Select((s, i) => (fitX[i], s.Corpus)), d))
                    .Transform(LoadLabeled(ml, fit.Select((s, i) => (fitX[i], s.Corpus)), d)));
                var routed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(LoadLabeled(ml, fit.Select((s, i) => (fitX[i], s.Corpus)), d))
                    .Transform(LoadLabeled(ml, tune.Select((s, i) => (tuneX[i], s.Corpus)), d));
                var probabilities = router.Transform(routed).GetColumn<float[]>("Score").ToList();
                var right = tune.Where((s, i) => Array.IndexOf(probabilities[i], probabilities[i].Max()) == s.Corpus).Count();
                Console.WriteLine($"router: accuracy {(double)right / tune.Count:F4} in {watch.Elapsed.TotalSeconds:F0} s");

                if (wanted.Contains($"{shape.Item3}-feda"))
                {
                    foreach (var l2 in new[] { 0.1f, 0.3f })
                    {
                        watch.Restart();
                        var model = Binary(ml, l2).Fit(Load(ml, fit.Select((s, i) => Row(Augment(fitX[i], d, OneHot(s.Corpus)), s.Positive, 1f)), 5 * d));
                        var oracle = Scores(ml, model, tune.Select((s, i) => Row(Augment(tuneX[i], d, OneHot(s.Corpus)), false, 1f)), 5 * d);
                        Report($"{shape.Item3} FEDA L2={l2} oracle domain", tune, oracle, watch);
                        var soft = Scores(ml, model, tune.Select((s, i) => Row(Augment(tuneX[i], d, probabilities[i]), false, 1f)), 5 * d);
                        Report($"{shape.Item3} FEDA L2={l2} router probabilities", tune, soft, watch);
                        var hard = Scores(ml, model, tune.Select((s, i) => Row(Augment(tuneX[i], d, OneHot(Array.IndexOf(probabilities[i], probabilities[i].Max()))), false, 1f)), 5 * d);
                        Report($"{shape.Item3} FEDA L2={l2} router argmax", tune, hard, watch);
                    }
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// Base models fitted on the eight tenths; their logits on the tuning tenth, plus clause-level logits and the text's
    /// length, go into a FastTree stacker judged by 5-fold cross-validation inside the tuning tenth (against the NB logit alone
    /// in the same folds).
    /// </summary>
    private static void Stack(MLContext ml, ITextSegmenter segmenter, HashedFeatureSpace space, List<Sample> fit, List<Sample> tune, List<VBuffer<float>> fitX, List<VBuffer<float>> tuneX, int d)
    {
        var watch = Stopwatch.StartNew();
        var nbModel = Binary(ml, 0.3f).Fit(Load(ml, fit.Select((s, i) => Row(fitX[i], s.Positive, 1f)), d));
        var logit = Scores(ml, nbModel, tuneX.Select(x => Row(x, false, 1f)), d);
        Report("stack base NB L2=0.3", tune, logit, watch);
        var separators = new[] { '，', '。', '！', '？', '；', ',', '.', '!', '?', ';', '~', '～', ' ', '\n' };
        var clauses = tune.Select(s => s.Text.Split(separators, StringSplitOptions.RemoveEmptyEntries).Where(c => c.Length > 1).DefaultIfEmpty(s.Text).ToList()).ToList();
        var flat = clauses.SelectMany(c => c).ToList();
        var clauseScores = Scores(ml, nbModel, flat.Select(c => Row(space.Featurize(c, segmenter.Cut(c)), false, 1f)), d);
        var rows = new List<StackRow>();
        var k = 0;
        for (var i = 0; i < tune.Count; i++)
        {
            var n = clauses[i].Count;
            var cs = clauseScores.AsSpan(k, n).ToArray();
            k += n;
            rows.Add(new StackRow
            {
                Label = tune[i].Positive,
                Features =
                [
                    logit[i], cs[^1], cs[0], cs.Min(), cs.Max(), cs.Average(), n, MathF.Log(1 + tune[i].Text.Length),
                ],
                Group = i % 5,
            });
        }

        var right = new int[4];
        var rightBase = new int[4];
        var total = new int[4];
        for (var fold = 0; fold < 5; fold++)
        {
            var f = fold;
            var train = ml.Data.LoadFromEnumerable(rows.Where(r => r.Group != f).ToList());
            var trees = ml.BinaryClassification.Trainers.FastTree(new Microsoft.ML.Trainers.FastTree.FastTreeBinaryTrainer.Options
            {
                LabelColumnName = "Label", FeatureColumnName = "Features", NumberOfTrees = 100, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = 20, LearningRate = 0.05,
            }).Fit(train);
            var testRows = rows.Select((r, i) => (r, i)).Where(x => x.r.Group == f).ToList();
            var predicted = trees.Transform(ml.Data.LoadFromEnumerable(testRows.Select(x => x.r))).GetColumn<bool>("PredictedLabel").ToList();
            for (var j = 0; j < testRows.Count; j++)
            {
                var i = testRows[j].i;
                total[tune[i].Corpus]++;
                right[tune[i].Corpus] += predicted[j] == tune[i].Positive ? 1 : 0;
                rightBase[tune[i].Corpus] += (logit[i] > 0) == tune[i].Positive ? 1 : 0;
            }
        }

        foreach (var (name, r) in new[] { ("NB logit alone (CV folds)", rightBase), ("FastTree stack on logit+clauses", right) })
        {
            var acc = r.Select((v, c) => (double)v / total[c]).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-50} mean {acc.Average():F4}  htl {acc[0]:F4} waimai {acc[1]:F4} shop {acc[2]:F4} weibo {acc[3]:F4}  ({watch.Elapsed.TotalSeconds:F0} s)"));
        }
    }

    private sealed class StackRow
    {
        public bool Label { get; set; }

        [VectorType(8)]
        public float[] Features { get; set; } = [];

        public int Group { get; set; }
    }

    /// <summary>3-fold cross-validation over the non-validation rows (residues {1,2,3}, {4,5,6}, {7,8,9} of hash mod 10), pooled accuracy per corpus.</summary>
    private static void CrossValidate(MLContext ml, List<Sample> all)
    {
        var candidates = new (string Name, int Char, int Word, float L2)[] { ("c4w2 L2=0.1 (current)", 4, 2, 0.1f), ("c4w2 L2=0.3", 4, 2, 0.3f), ("c5w2 L2=0.3", 5, 2, 0.3f) };
        var right = new int[candidates.Length, 4];
        var total = new int[4];
        for (var fold = 0; fold < 3; fold++)
        {
            var f = fold;
            bool Held(Sample s) => (int)((DatasetSplit.StableHash(s.Text) % 10) - 1) / 3 == f;
            var train = all.Where(s => !Held(s)).ToList();
            var test = all.Where(Held).ToList();
            foreach (var s in test)
            {
                total[s.Corpus]++;
            }

            HashedFeatureSpace? space = null;
            for (var c = 0; c < candidates.Length; c++)
            {
                var watch = Stopwatch.StartNew();
                var settings = new HashedFeatureSettings { CharNgrams = candidates[c].Char, WordNgrams = candidates[c].Word, NaiveBayes = true };
                if (space is null || space.Settings != settings)
                {
                    space = HashedFeatureSpace.Fit(settings, train.ConvertAll(s => (s.Text, s.Tokens)), train.ConvertAll(s => s.Positive), CancellationToken.None);
                }

                var d = space.Dimension;
                var sp = space;
                var model = Binary(ml, candidates[c].L2).Fit(Load(ml, train.Select(s => Row(sp.Featurize(s.Text, s.Tokens), s.Positive, 1f)), d));
                var scores = Scores(ml, model, test.Select(s => Row(sp.Featurize(s.Text, s.Tokens), false, 1f)), d);
                for (var i = 0; i < test.Count; i++)
                {
                    right[c, test[i].Corpus] += (scores[i] > 0) == test[i].Positive ? 1 : 0;
                }

                Console.WriteLine($"fold {f} {candidates[c].Name} in {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        for (var c = 0; c < candidates.Length; c++)
        {
            var acc = Enumerable.Range(0, 4).Select(k => (double)right[c, k] / total[k]).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CV {candidates[c].Name,-40} mean {acc.Average():F4}  htl {acc[0]:F4} waimai {acc[1]:F4} shop {acc[2]:F4} weibo {acc[3]:F4}  (rows {string.Join('/', total)})"));
        }
    }

    private static float[] OneHot(int corpus)
    {
        var p = new float[4];
        p[corpus] = 1f;
        return p;
    }

    /// <summary>[x, p0·x, p1·x, p2·x, p3·x].</summary>
    private static VBuffer<float> Augment(VBuffer<float> x, int d, float[] p)
    {
        var xi = x.GetIndices();
        var xv = x.GetValues();
        var n = xv.Length;
        var copies = p.Count(v => v > 1e-4f);
        var indices = new int[n * (1 + copies)];
        var values = new float[n * (1 + copies)];
        var k = 0;
        for (var i = 0; i < n; i++)
        {
            indices[k] = xi[i];
            values[k++] = xv[i];
        }

        for (var c = 0; c < 4; c++)
        {
            if (p[c] <= 1e-4f)
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                indices[k] = ((c + 1) * d) + xi[i];
                values[k++] = p[c] * xv[i];
            }
        }

        return new VBuffer<float>(5 * d, k, values, indices);
    }

    private static void Report(string name, List<Sample> tune, float[] scores, Stopwatch watch)
    {
        var right = new int[4];
        var total = new int[4];
        for (var i = 0; i < tune.Count; i++)
        {
            total[tune[i].Corpus]++;
            right[tune[i].Corpus] += (scores[i] > 0) == tune[i].Positive ? 1 : 0;
        }

        var acc = right.Select((r, c) => (double)r / total[c]).ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-50} mean {acc.Average():F4}  htl {acc[0]:F4} waimai {acc[1]:F4} shop {acc[2]:F4} weibo {acc[3]:F4}  ({watch.Elapsed.TotalSeconds:F0} s)"));
    }

    private static float[] Scores(MLContext ml, ITransformer model, IEnumerable<FeatureRow> rows, int d) =>
        model.Transform(Load(ml, rows, d)).GetColumn<float>("Score").ToArray();

    private static FeatureRow Row(VBuffer<float> x, bool positive, float weight) => new() { Features = x, Positive = positive, Weight = weight };

    private static IDataView Load(MLContext ml, IEnumerable<FeatureRow> rows, int d) => ml.Data.Cache(FeatureRow.Load(ml, rows.ToList(), d));

    private static IDataView LoadLabeled(MLContext ml, IEnumerable<(VBuffer<float> X, int Corpus)> rows, int d) =>
        FeatureRow.Load(ml, rows.Select(r => new FeatureRow { Features = r.X, Label = r.Corpus.ToString(CultureInfo.InvariantCulture) }).ToList(), d);

    // The product's own trainer, so a variant differs from production only in what it varies.
    private static LbfgsLogisticRegressionBinaryTrainer Binary(MLContext ml, float l2) => SentimentTraining.Trainer(ml, l2);

    private static LbfgsMaximumEntropyMulticlassTrainer Multiclass(MLContext ml, float l2) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            LabelColumnName = "Label",
            FeatureColumnName = nameof(FeatureRow.Features),
            NumberOfThreads = 2,
            L1Regularization = 0f,
            L2Regularization = l2,
            OptimizationTolerance = 1e-4f,
            MaximumNumberOfIterations = 60,
        });

    private sealed record Sample(string Text, IReadOnlyList<string> Tokens, bool Positive, int Corpus);
}
