using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Trains a multiclass maximum-entropy model on our <see cref="HashedFeatureSpace"/> features (the emotion model).
/// The split is <see cref="MulticlassTraining"/>'s: validation = hash mod 10 = 0 (only ever scored), settings chosen on
/// the tuning tenth (mod 10 = 1) with a model fitted on the other eight tenths, then refitted on all non-validation
/// rows; the model is saved as <c>model.zip</c> + <c>features.bin</c> with its card.
/// </summary>
public static class HashedMulticlassTraining
{
    private const int TuningFold = 1;

    public static MulticlassTrainingReport Train(
        MulticlassTrainingOptions options,
        IReadOnlyList<LabeledText> labeled,
        ITextSegmenter segmenter,
        IProgress<string>? progress,
        CancellationToken ct) =>
        Train(options, new HashedFeatureSettings { CharNgrams = options.CharNgrams, WordNgrams = options.WordNgrams, CharBits = options.CharBits, WordBits = options.WordBits,
            MinDocumentFrequency = options.MinDocumentFrequency },
            labeled, segmenter, progress, ct);

    internal static MulticlassTrainingReport Train(
        MulticlassTrainingOptions options,
        HashedFeatureSettings featureSettings,
        IReadOnlyList<LabeledText> labeled,
        ITextSegmenter segmenter,
        IProgress<string>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(labeled);
        ArgumentNullException.ThrowIfNull(segmenter);
        var clock = Stopwatch.StartNew();
        var validation = labeled.Where(r => MulticlassTraining.Fold(r.Text) == 0).ToList();
        var train = labeled.Where(r => MulticlassTraining.Fold(r.Text) != 0).ToList();
        var tune = train.Where(r => MulticlassTraining.Fold(r.Text) == TuningFold).ToList();
        var fit = train.Where(r => MulticlassTraining.Fold(r.Text) != TuningFold).ToList();
        progress?.Report($"{options.Name}: {fit.Count} fit + {tune.Count} tuning rows, {validation.Count} validation rows");

        var tokens = new TokenCache(segmenter);
        tokens.Add(labeled.Select(r => r.Text), ct);
        progress?.Report($"segmented {tokens.Count} texts in {clock.Elapsed.TotalSeconds:F1} s");

        var ml = new MLContext(seed: options.Seed);
        var settings = (from l2 in options.L2Candidates
                        from balance in options.BalanceCandidates
                        select new TrainingSetting(l2, balance, false)).ToList();
        var candidates = new List<TrainingCandidate>();
        var best = settings[0];
        var bestF1 = double.NegativeInfinity;
        var fitSpace = FitSpace(featureSettings, fit, tokens, ct);
        foreach (var setting in settings)
        {
            ct.ThrowIfCancellationRequested();
            var fitClock = Stopwatch.StartNew();
            var model = Fit(ml, options, fitSpace, fit, tokens, setting);
            var f1 = tune.Count == 0 ? 0 : MulticlassEvaluation.Evaluate(model, tune, tokens.Get).MacroF1;
            candidates.Add(new TrainingCandidate(setting.ToString(), f1, fitClock.Elapsed));
            progress?.Report($"{setting}: tuning macro-F1 {f1:F4} (fit {fitClock.Elapsed.TotalSeconds:F1} s)");
            if (f1 > bestF1)
            {
                (best, bestF1) = (setting, f1);
            }
        }

        var space = FitSpace(featureSettings, train, tokens, ct);
        var final = FitModel(ml, options, space, train, tokens, best);
        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, "model.zip");
        HashedModelFiles.Save(ml, final, space, modelPath);
        var classifier = TextClassifierFactory.Load(modelPath, options.Name);
        var validationReport = MulticlassEvaluation.Evaluate(classifier, validation, tokens.Get);
        progress?.Report($"validation: accuracy {validationReport.Accuracy:F4}, macro-F1 {validationReport.MacroF1:F4}");
        var subsets = labeled.Select(r => MulticlassTraining.Group(r.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(g => new SubsetReport(
                g,
                train.Count(r => MulticlassTraining.Group(r.Source) == g),
                MulticlassEvaluation.Evaluate(classifier, validation.Where(r => MulticlassTraining.Group(r.Source) == g).ToList(), tokens.Get)))
            .ToList();

        var cardPath = Path.Combine(options.OutputDirectory, "CARD.md");
        var report = new MulticlassTrainingReport(
            modelPath,
            cardPath,
            classifier.ModelVersion,
            new FileInfo(modelPath).Length + new FileInfo(HashedModelFiles.FeaturesPathBeside(modelPath)).Length,
            best.ToString(),
            space.Describe(),
            train.Count,
            tune.Count,
            0,
            candidates,
            validationReport,
            subsets,
            null,
            clock.Elapsed);
        File.WriteAllText(cardPath, MulticlassModelCard.Write(report, options, segmenter.DictionaryVersion));
        progress?.Report($"saved {modelPath} ({report.ModelBytes / 1024} KiB with features.bin), {report.ModelVersion}, in {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    private static HashedFeatureSpace FitSpace(HashedFeatureSettings settings, List<LabeledText> rows, TokenCache tokens, CancellationToken ct) =>
        HashedFeatureSpace.Fit(settings, rows.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, ct);

    private static HashedTextClassifier Fit(
        MLContext ml, MulticlassTrainingOptions options, HashedFeatureSpace space, List<LabeledText> rows, TokenCache tokens, TrainingSetting setting)
    {
        var model = FitModel(ml, options, space, rows, tokens, setting);
        var schema = FeatureRow.Load(ml, [], space.Dimension).Schema;
        return new HashedTextClassifier(ml, model, schema, space, "in-training");
    }

    private static TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> FitModel(
        MLContext ml, MulticlassTrainingOptions options, HashedFeatureSpace space, List<LabeledText> rows, TokenCache tokens, TrainingSetting setting)
    {
        var counts = rows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var largest = counts.Values.Max();
        var featureRows = rows.ConvertAll(r => new FeatureRow
        {
            Label = r.Label,
            Features = space.Featurize(r.Text, tokens.Get(r.Text)),
            Weight = r.Weight * (float)Math.Pow((double)largest / counts[r.Label], setting.Balance),
        });
        var data = ml.Data.ShuffleRows(FeatureRow.Load(ml, featureRows, space.Dimension), seed: options.Seed);
        var pipeline = ml.Transforms.Conversion.MapValueToKey(MulticlassPipeline.LabelKey, nameof(FeatureRow.Label))
            .AppendCacheCheckpoint(ml)
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = MulticlassPipeline.LabelKey,
                FeatureColumnName = nameof(FeatureRow.Features),
                ExampleWeightColumnName = nameof(FeatureRow.Weight),
                L1Regularization = 0f,
                L2Regularization = setting.L2,
                NumberOfThreads = 2,
                OptimizationTolerance = 1e-5f,
                MaximumNumberOfIterations = options.MaximumIterations,
            }));
        return pipeline.Fit(data);
    }
}
