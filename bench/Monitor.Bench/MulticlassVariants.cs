using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Topics;

namespace Monitor.Bench;

/// <summary>
/// Accuracy harness for the multiclass models' featurization and trainer settings: fits on the eight fit tenths, scores
/// the tuning tenth (hash mod 10 == 1) only — the validation tenth is never read. Prints macro-F1 and accuracy per
/// variant (and per source group), and for averages of variants' log-probabilities.
/// <c>dotnet run -c Release --project bench/Monitor.Bench -- variants emotion|thucnews DATA_ROOT</c>
/// </summary>
public static class MulticlassVariants
{
    private sealed record Variant(string Name, HashedFeatureSettings Features, float L2, double Balance, Func<LabeledText, float> Weight, int Iterations = 100);

    public static int Run(string[] args)
    {
        var task = args[0];
        var root = args.Length > 1 ? args[1] : "../shared/data";
        IReadOnlyList<LabeledText> rows = task == "emotion"
            ? [.. EmotionTraining.Files.SelectMany(f => EmotionCorpusReader.ReadAsync(Path.Combine(root, f), CancellationToken.None).GetAwaiter().GetResult())]
            : LabeledCsvReader.ReadAsync(Path.Combine(root, "thucnews_titles/thucnews_titles.csv"), ["text"], "label_name", CancellationToken.None).GetAwaiter().GetResult();
        var train = rows.Where(r => Fold(r.Text) != 0).ToList();
        var fit = train.Where(r => Fold(r.Text) != 1).ToList();
        var tune = train.Where(r => Fold(r.Text) == 1).ToList();
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var tokens = new TokenCache(segmenter);
        tokens.Add(train.Select(r => r.Text), CancellationToken.None);
        var only = args.Length > 2 ? args[2].Split(',') : null;
        if (args.Length > 3)
        {
            // Text clean-up variants, applied to fit and tuning rows alike: "mentions" drops @names, "own" keeps a
            // repost's own comment (the text before the first //@) when it has one.
            var mention = new System.Text.RegularExpressions.Regex(@"@[^\s:：@/]+[:：]?");
            Func<string, string> clean = args[3] switch
            {
                "mentions" => t => mention.Replace(t, string.Empty),
                "own" => t => t.IndexOf("//@", StringComparison.Ordinal) is > 0 and var i ? t[..i] : t,
                _ => t => t,
            };
            fit = fit.ConvertAll(r => r with { Text = clean(r.Text) });
            if (args.Length < 5 || args[4] != "fit-only")
            {
                tune = tune.ConvertAll(r => r with { Text = clean(r.Text) });
            }

            tokens.Add(fit.Concat(tune).Select(r => r.Text), CancellationToken.None);
        }

        var variants = (task == "emotion" ? EmotionVariants() : TitleVariants()).Where(v => only is null || only.Contains(v.Name)).ToList();
        var results = new Dictionary<string, (IReadOnlyList<string> Labels, double[][] Logs)>();
        foreach (var v in variants)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var (labels, logs) = FitAndScore(v, fit, tune, tokens);
            results[v.Name] = (labels, logs);
            Print(v.Name, tune, labels, logs, clock.Elapsed.TotalSeconds);
        }

        var names = results.Keys.ToList();
        for (var i = 0; i < names.Count; i++)
        {
            for (var j = i + 1; j < names.Count; j++)
            {
                var a = results[names[i]];
                var b = Align(results[names[j]], a.Labels);
                Print($"avg({names[i]},{names[j]})", tune, a.Labels, [.. a.Logs.Select((row, r) => row.Select((x, c) => (x + b[r][c]) / 2).ToArray())], 0);
            }
        }

        return 0;
    }

    private static IEnumerable<Variant> EmotionVariants()
    {
        var baseF = new HashedFeatureSettings { CharNgrams = 4, WordNgrams = 2, CharBits = 20, WordBits = 20, MinDocumentFrequency = 3 };
        static float One(LabeledText r) => r.Weight;
        yield return new Variant("base", baseF, 0.1f, 1, One);
        yield return new Variant("usual0.5", baseF, 0.1f, 1, r => r.Source.StartsWith("usual", StringComparison.Ordinal) ? 0.5f : 1f);
        yield return new Variant("usual0.25", baseF, 0.1f, 1, r => r.Source.StartsWith("usual", StringComparison.Ordinal) ? 0.25f : 1f);
        yield return new Variant("bal0.5", baseF, 0.1f, 0.5, One);
        yield return new Variant("l2-0.3", baseF, 0.3f, 1, One);
        yield return new Variant("c3w1", baseF with { CharNgrams = 3, WordNgrams = 1 }, 0.1f, 1, One);
        yield return new Variant("c2w2", baseF with { CharNgrams = 2, WordNgrams = 2 }, 0.1f, 1, One);
        yield return new Variant("c5w2", baseF with { CharNgrams = 5, WordNgrams = 2 }, 0.1f, 1, One);
        yield return new Variant("df2", baseF with { MinDocumentFrequency = 2 }, 0.1f, 1, One);
        yield return new Variant("c4w3", baseF with { WordNgrams = 3 }, 0.1f, 1, One);
        yield return new Variant("iter400", baseF, 0.1f, 1, One, 400);
        yield return new Variant("iter400-l2-0.3", baseF, 0.3f, 1, One, 400);
    }

    private static IEnumerable<Variant> TitleVariants()
    {
        var baseF = new HashedFeatureSettings { CharNgrams = 3, WordNgrams = 1, CharBits = 20, WordBits = 20, MinDocumentFrequency = 2 };
        static float One(LabeledText r) => r.Weight;
        yield return new Variant("base", baseF, 0.01f, 0, One);
        yield return new Variant("df1", baseF with { MinDocumentFrequency = 1 }, 0.01f, 0, One);
        yield return new Variant("c2w2", baseF with { CharNgrams = 2, WordNgrams = 2 }, 0.01f, 0, One);
        yield return new Variant("c4w1", baseF with { CharNgrams = 4 }, 0.01f, 0, One);
        yield return new Variant("c1w1", baseF with { CharNgrams = 1 }, 0.01f, 0, One);
        yield return new Variant("l2-0.001", baseF, 0.001f, 0, One);
        yield return new Variant("c2w1", baseF with { CharNgrams = 2 }, 0.01f, 0, One);
        yield return new Variant("iter400", baseF, 0.01f, 0, One, 400);
        yield return new Variant("iter400-l2-0.03", baseF, 0.03f, 0, One, 400);
    }

    private static (IReadOnlyList<string> Labels, double[][] Logs) FitAndScore(Variant v, List<LabeledText> fit, List<LabeledText> tune, TokenCache tokens)
    {
        var ml = new MLContext(seed: 1);
        var space = HashedFeatureSpace.Fit(v.Features, fit.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, CancellationToken.None);
        var counts = fit.GroupBy(r => r.Label).ToDictionary(g => g.Key, g => g.Count());
        var largest = counts.Values.Max();
        var featureRows = fit.ConvertAll(r => new FeatureRow
        {
            Label = r.Label,
            Features = space.Featurize(r.Text, tokens.Get(r.Text)),
            Weight = v.Weight(r) * (float)Math.Pow((double)largest / counts[r.Label], v.Balance),
        });
        var data = ml.Data.ShuffleRows(FeatureRow.Load(ml, featureRows, space.Dimension), seed: 1);
        var model = ml.Transforms.Conversion.MapValueToKey("LabelKey", nameof(FeatureRow.Label))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = "LabelKey", FeatureColumnName = nameof(FeatureRow.Features), ExampleWeightColumnName = nameof(FeatureRow.Weight),
                L1Regularization = 0f, L2Regularization = v.L2, NumberOfThreads = 2, OptimizationTolerance = 1e-5f, MaximumNumberOfIterations = v.Iterations,
            }))
            .Fit(data);
        var schema = FeatureRow.Load(ml, [], space.Dimension).Schema;
        var classifier = new HashedTextClassifier(ml, model, schema, space, "variant");
        var scored = classifier.ClassifyBatch(tune.ConvertAll(r => new TextInput(r.Text, tokens.Get(r.Text))));
        return (classifier.Labels, [.. scored.Select(p => p.Probabilities.Select(x => Math.Log(Math.Max(x, 1e-12))).ToArray())]);
    }

    private static double[][] Align((IReadOnlyList<string> Labels, double[][] Logs) result, IReadOnlyList<string> to) =>
        [.. result.Logs.Select(row => to.Select(l => row[IndexOf(result.Labels, l)]).ToArray())];

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Print(string name, List<LabeledText> tune, IReadOnlyList<string> labels, double[][] logs, double seconds)
    {
        var predicted = logs.Select(row => labels[Array.IndexOf(row, row.Max())]).ToList();
        var line = $"{name,-28} all {Score(tune, predicted, _ => true)}";
        foreach (var g in tune.Select(r => Group(r.Source)).Distinct().Order())
        {
            line += $" | {g} {Score(tune, predicted, r => Group(r.Source) == g)}";
        }

        Console.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $" ({seconds:F0} s)"));
    }

    private static string Score(List<LabeledText> rows, List<string> predicted, Func<LabeledText, bool> keep)
    {
        var idx = Enumerable.Range(0, rows.Count).Where(i => keep(rows[i])).ToList();
        var r = MulticlassReportBuilder.Build([.. idx.Select(i => rows[i].Label)], [.. idx.Select(i => new ClassPrediction(predicted[i], 1, []))], []);
        return string.Create(CultureInfo.InvariantCulture, $"F1 {r.MacroF1:F4} acc {r.Accuracy:F4}");
    }

    private static string Group(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }

    private static int Fold(string text) => (int)(Monitor.Nlp.Sentiment.DatasetSplit.StableHash(text) % 10);
}
