using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Bench;

/// <summary>
/// <c>mlp-study emotion|thucnews|sentiment [validate] [SETTING ...]</c>: does a <see cref="SparseMlp"/> on the linear
/// models' own feature vectors, averaged with them, beat the linear model? Fits the product's linear setting and one MLP
/// per SETTING (e.g. <c>h256-d0.5-r0.05</c>: hidden units, dropout, input-layer rate; also <c>i</c> input dropout, <c>o</c> output rate,
/// <c>e</c> max epochs, <c>b</c> batch, <c>wd</c> weight decay) on the eight fit tenths and scores the tuning tenth
/// (hash mod 10 == 1); with <c>validate</c> it fits on all non-validation rows and scores the validation tenth
/// (mod 10 == 0) — run that once, for the setting chosen on the tuning tenth. The MLP stops early on a twentieth of its
/// fit rows (a different digit of the same hash), never on the scored rows.
/// </summary>
public static class MlpStudy
{
    private sealed record Example(string Text, IReadOnlyList<string> Tokens, int Label, string Group);

    private sealed record StudyTask(
        string Name, IReadOnlyList<string> Labels, HashedFeatureSettings Features, float L2, double Balance, bool Binary,
        List<Example> Fit, List<Example> Eval);

    public static int Run(string[] args)
    {
        var validate = args.Contains("validate");
        var settings = args.Skip(1).Where(a => a != "validate").ToList();
        var clock = Stopwatch.StartNew();
        var task = Load(args[0], validate);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{task.Name}: {task.Fit.Count:N0} fit rows, {task.Eval.Count:N0} {(validate ? "validation" : "tuning")} rows, segmented in {clock.Elapsed.TotalSeconds:F0} s"));

        var space = HashedFeatureSpace.Fit(
            task.Features, task.Fit.ConvertAll(e => (e.Text, e.Tokens)), task.Binary ? task.Fit.ConvertAll(e => e.Label == 1) : null, CancellationToken.None);
        var fitX = task.Fit.ConvertAll(e => space.Featurize(e.Text, e.Tokens));
        var evalX = task.Eval.ConvertAll(e => space.Featurize(e.Text, e.Tokens));
        var counts = task.Fit.GroupBy(e => e.Label).ToDictionary(g => g.Key, g => g.Count());
        var largest = counts.Values.Max();
        var fitWeights = task.Fit.ConvertAll(e => (float)Math.Pow((double)largest / counts[e.Label], task.Balance)).ToArray();
        Console.WriteLine($"{space.ActiveSlots:N0} feature columns, mean {fitX.Average(x => x.GetValues().Length):F0} non-zeros per fit row");

        clock.Restart();
        var linear = task.Binary ? FitBinary(task, space, fitX, fitWeights, evalX) : FitMulticlass(task, space, fitX, fitWeights, evalX);
        var linearSeconds = clock.Elapsed.TotalSeconds;
        Report(task, "linear (product setting)", linear, linearSeconds);

        var fitRows = fitX.ConvertAll(Sparse);
        var evalRows = evalX.ConvertAll(Sparse);
        var stop = task.Fit.Select((e, i) => (e, i)).Where(p => StopSlice(p.e.Text)).Select(p => p.i).ToArray();
        var train = task.Fit.Select((e, i) => (e, i)).Where(p => !StopSlice(p.e.Text)).Select(p => p.i).ToArray();
        foreach (var name in settings)
        {
            var options = Parse(name);
            Console.WriteLine($"{name}: {options}, {train.Length:N0} training rows, {stop.Length:N0} early-stopping rows");
            clock.Restart();
            var mlp = SparseMlp.Train(
                [.. train.Select(i => fitRows[i])], [.. train.Select(i => task.Fit[i].Label)], [.. train.Select(i => fitWeights[i])],
                [.. stop.Select(i => fitRows[i])], [.. stop.Select(i => task.Fit[i].Label)], [.. stop.Select(i => fitWeights[i])],
                space.Dimension, task.Labels.Count, options, Console.WriteLine);
            var seconds = clock.Elapsed.TotalSeconds;
            var logs = evalRows.ConvertAll(r => Array.ConvertAll(mlp.LogProbabilities(r), v => (double)v));
            Report(task, $"MLP {name}", logs, seconds);
            var averaged = linear.Select((row, r) => row.Select((v, c) => (v + logs[r][c]) / 2).ToArray()).ToList();
            Report(task, $"avg(linear, MLP {name})", averaged, 0);
            Flips(task, linear, averaged);
            ScoringCost(task, space, mlp, evalRows);
        }

        return 0;
    }

    private static StudyTask Load(string name, bool validate)
    {
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var root = SharedData.Root;
        List<(string Text, string Label, string Group)> rows;
        HashedFeatureSettings features;
        float l2;
        double balance;
        switch (name)
        {
            case "emotion":
                rows = [.. EmotionTraining.Files.SelectMany(f => EmotionCorpusReader.ReadAsync(Path.Combine(root, f), CancellationToken.None).GetAwaiter().GetResult())
                    .Select(r => (r.Text, r.Label, Group(r.Source)))];
                features = new HashedFeatureSettings { CharNgrams = 4, WordNgrams = 2, CharBits = 20, WordBits = 20, MinDocumentFrequency = 3 };
                (l2, balance) = (0.1f, 1);
                break;
            case "thucnews":
                rows = [.. LabeledCsvReader.ReadAsync(Path.Combine(root, "thucnews_titles/thucnews_titles.csv"), ["text"], "label_name", CancellationToken.None).GetAwaiter().GetResult()
                    .Select(r => (r.Text, r.Label, "thucnews"))];
                features = new HashedFeatureSettings { CharNgrams = 3, WordNgrams = 1, CharBits = 20, WordBits = 20, MinDocumentFrequency = 2 };
                (l2, balance) = (0.01f, 0);
                break;
            case "sentiment":
                rows = [.. SentimentCorpus.Defaults.SelectMany(c => SentimentCsvReader.ReadAsync(Path.Combine(root, c.RelativePath), CancellationToken.None).GetAwaiter().GetResult()
                    .Select(r => (r.Review, r.Positive ? "positive" : "negative", c.Name)))];
                features = new HashedFeatureSettings { CharNgrams = 4, WordNgrams = 2, CharBits = 20, WordBits = 20, MinDocumentFrequency = 2, NaiveBayes = true };
                (l2, balance) = (0.3f, 0);
                break;
            default:
                throw new ArgumentException($"Unknown task '{name}' (emotion, thucnews, sentiment).");
        }

        // Binary: label 1 = positive, as the NB ratio and the logistic model read it.
        IReadOnlyList<string> labels = name == "sentiment" ? ["negative", "positive"] : [.. rows.Select(r => r.Label).Distinct().Order(StringComparer.Ordinal)];
        var fit = new List<Example>();
        var eval = new List<Example>();
        foreach (var (text, label, group) in rows)
        {
            var fold = DatasetSplit.StableHash(text) % 10;
            var scored = validate ? fold == 0 : fold == 1;
            if (!scored && fold == 0)
            {
                continue;
            }

            (scored ? eval : fit).Add(new Example(text, segmenter.Cut(text), IndexOf(labels, label), group));
        }

        return new StudyTask(name, labels, features, l2, balance, name == "sentiment", fit, eval);
    }

    /// <summary>The product's sentiment trainer; log-probabilities [negative, positive] from its logit.</summary>
    private static List<double[]> FitBinary(StudyTask task, HashedFeatureSpace space, List<VBuffer<float>> fitX, float[] weights, List<VBuffer<float>> evalX)
    {
        var ml = new MLContext(seed: 1);
        var data = ml.Data.Cache(FeatureRow.Load(ml, [.. fitX.Select((x, i) => new FeatureRow { Features = x, Positive = task.Fit[i].Label == 1, Weight = weights[i] })], space.Dimension));
        var model = SentimentTraining.Trainer(ml, task.L2).Fit(data);
        var scores = model.Transform(FeatureRow.Load(ml, [.. evalX.Select(x => new FeatureRow { Features = x })], space.Dimension)).GetColumn<float>("Score").ToList();
        return scores.ConvertAll(s => new[] { LogSigmoid(-s), LogSigmoid(s) });
    }

    /// <summary>The multiclass models' trainer as <c>HashedMulticlassTraining</c> configures it; log-probabilities in <see cref="StudyTask.Labels"/> order.</summary>
    private static List<double[]> FitMulticlass(StudyTask task, HashedFeatureSpace space, List<VBuffer<float>> fitX, float[] weights, List<VBuffer<float>> evalX)
    {
        var ml = new MLContext(seed: 1);
        var rows = fitX.Select((x, i) => new FeatureRow { Features = x, Label = task.Labels[task.Fit[i].Label], Weight = weights[i] }).ToList();
        var data = ml.Data.ShuffleRows(FeatureRow.Load(ml, rows, space.Dimension), seed: 1);
        var model = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.Label))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", FeatureColumnName = nameof(FeatureRow.Features), ExampleWeightColumnName = nameof(FeatureRow.Weight),
                L1Regularization = 0f, L2Regularization = task.L2, NumberOfThreads = 2, OptimizationTolerance = 1e-5f, MaximumNumberOfIterations = 100,
            }))
            .Fit(data);
        var scored = model.Transform(FeatureRow.Load(ml, [.. evalX.Select((x, i) => new FeatureRow { Features = x, Label = task.Labels[task.Eval[i].Label] })], space.Dimension));
        VBuffer<ReadOnlyMemory<char>> keys = default;
        scored.Schema["LabelKey"].GetKeyValues(ref keys);
        var order = keys.DenseValues().Select(k => IndexOf(task.Labels, k.ToString())).ToArray();
        return scored.GetColumn<float[]>("Score").Select(p =>
        {
            var logs = new double[task.Labels.Count];
            for (var k = 0; k < p.Length; k++)
            {
                logs[order[k]] = Math.Log(Math.Max(p[k], 1e-12));
            }

            return logs;
        }).ToList();
    }

    private static void Report(StudyTask task, string name, List<double[]> logs, double seconds)
    {
        var predicted = logs.ConvertAll(row => Array.IndexOf(row, row.Max()));
        var line = $"{name,-34} all {Score(task, predicted, _ => true)}";
        foreach (var g in task.Eval.Select(e => e.Group).Distinct().Order(StringComparer.Ordinal).Where(_ => task.Eval.Select(e => e.Group).Distinct().Count() > 1))
        {
            line += $" | {g} {Score(task, predicted, e => e.Group == g)}";
        }

        Console.WriteLine(line + (seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $" (fit {seconds:F0} s)") : string.Empty));
    }

    /// <summary>Paired comparison with the linear model: rows the average gets right and the linear model wrong, and the reverse, per group.</summary>
    private static void Flips(StudyTask task, List<double[]> linear, List<double[]> averaged)
    {
        var line = "  rows the average fixes / breaks vs linear:";
        foreach (var g in task.Eval.Select(e => e.Group).Distinct().Order(StringComparer.Ordinal))
        {
            int fixes = 0, breaks = 0;
            for (var i = 0; i < task.Eval.Count; i++)
            {
                if (task.Eval[i].Group != g)
                {
                    continue;
                }

                var before = Array.IndexOf(linear[i], linear[i].Max()) == task.Eval[i].Label;
                var after = Array.IndexOf(averaged[i], averaged[i].Max()) == task.Eval[i].Label;
                fixes += !before && after ? 1 : 0;
                breaks += before && !after ? 1 : 0;
            }

            line += $" {g} +{fixes}/−{breaks}";
        }

        Console.WriteLine(line);
    }

    private static string Score(StudyTask task, List<int> predicted, Func<Example, bool> keep)
    {
        var idx = Enumerable.Range(0, task.Eval.Count).Where(i => keep(task.Eval[i])).ToList();
        if (task.Binary)
        {
            var right = idx.Count(i => predicted[i] == task.Eval[i].Label);
            return string.Create(CultureInfo.InvariantCulture, $"acc {(double)right / idx.Count:F4} ({idx.Count})");
        }

        var r = MulticlassReportBuilder.Build(
            [.. idx.Select(i => task.Labels[task.Eval[i].Label])], [.. idx.Select(i => new ClassPrediction(task.Labels[predicted[i]], 1, []))], []);
        return string.Create(CultureInfo.InvariantCulture, $"F1 {r.MacroF1:F4} acc {r.Accuracy:F4} ({idx.Count})");
    }

    /// <summary>
    /// Per message on one thread: the featurization the linear model's fast path runs (its scoring adds one multiply-add
    /// per non-zero and class) against the MLP's forward pass on the same vector.
    /// </summary>
    private static void ScoringCost(StudyTask task, HashedFeatureSpace space, SparseMlp mlp, List<SparseRow> rows)
    {
        var columns = new List<int>(1024);
        var values = new List<float>(1024);
        var featurize = Stopwatch.StartNew();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var e in task.Eval)
            {
                space.FeaturizeUnordered(e.Text, e.Tokens, columns, values);
            }
        }

        featurize.Stop();
        var forward = Stopwatch.StartNew();
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var r in rows)
            {
                mlp.LogProbabilities(r);
            }
        }

        forward.Stop();
        var n = 3.0 * rows.Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  scoring per message: featurize {featurize.Elapsed.TotalMicroseconds / n:F1} µs, MLP forward {forward.Elapsed.TotalMicroseconds / n:F1} µs (ratio {forward.Elapsed / featurize.Elapsed:F2})"));
    }

    private static SparseMlpOptions Parse(string name)
    {
        var options = new SparseMlpOptions();
        foreach (var part in name.Split('-'))
        {
            var number = part.TrimStart('h', 'd', 'r', 'o', 'e', 'b', 'w', 'i');
            var key = part[..^number.Length];
            options = key switch
            {
                "h" => options with { Hidden = int.Parse(number, CultureInfo.InvariantCulture) },
                "i" => options with { InputDropout = float.Parse(number, CultureInfo.InvariantCulture) },
                "d" => options with { Dropout = float.Parse(number, CultureInfo.InvariantCulture) },
                "r" => options with { InputRate = float.Parse(number, CultureInfo.InvariantCulture) },
                "o" => options with { OutputRate = float.Parse(number, CultureInfo.InvariantCulture) },
                "e" => options with { MaxEpochs = int.Parse(number, CultureInfo.InvariantCulture) },
                "b" => options with { BatchSize = int.Parse(number, CultureInfo.InvariantCulture) },
                "wd" => options with { WeightDecay = float.Parse(number, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"Unknown MLP setting part '{part}' in '{name}'."),
            };
        }

        return options;
    }

    private static SparseRow Sparse(VBuffer<float> x)
    {
        var values = x.GetValues().ToArray();
        var indices = x.IsDense ? Enumerable.Range(0, values.Length).ToArray() : x.GetIndices().ToArray();
        return new SparseRow(indices, values);
    }

    /// <summary>A twentieth of the fit rows, by the hash's second decimal digits, so it is independent of the tenths.</summary>
    private static bool StopSlice(string text) => DatasetSplit.StableHash(text) / 10 % 20 == 0;

    private static double LogSigmoid(float s) => s >= 0 ? -Math.Log(1 + Math.Exp(-s)) : s - Math.Log(1 + Math.Exp(s));

    private static string Group(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        throw new InvalidDataException($"Unknown label '{label}'.");
    }
}
