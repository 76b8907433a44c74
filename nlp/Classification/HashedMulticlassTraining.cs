using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Trains a multiclass model on our <see cref="HashedFeatureSpace"/> features with ML.NET's maximum entropy (the
/// emotion model, the topic models). The split is <see cref="MulticlassTraining"/>'s: validation = hash mod 10 = 0
/// (only ever scored). Settings are chosen on the tuning tenth (mod 10 = 1) with a model fitted on the other eight
/// tenths — or, for small label sets (<see cref="MulticlassTrainingOptions.CrossValidate"/>), by cross-validation over
/// the nine non-validation tenths, since one tenth of a few hundred rows is too few to choose by. The chosen setting is
/// then refitted on all non-validation rows; the model is saved as <c>model.zip</c> + <c>features.bin</c> with its
/// card. Taxonomy keyword documents (<see cref="MulticlassTrainingOptions.Seeds"/>) are always trained on and never
/// scored; unlabelled texts (<see cref="MulticlassTrainingOptions.Unlabeled"/>) sharpen the IDF and, when a setting
/// says so, add confident pseudo-labels.
/// </summary>
public static class HashedMulticlassTraining
{
    private const int TuningFold = 1;
    private static readonly bool[] WithAndWithoutSelfTraining = [false, true];
    private static readonly bool[] WithoutSelfTraining = [false];

    public static MulticlassTrainingReport Train(
        MulticlassTrainingOptions options,
        IReadOnlyList<LabeledText> labeled,
        ITextSegmenter segmenter,
        IProgress<string>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Train(options, new HashedFeatureSettings { CharNgrams = options.CharNgrams, WordNgrams = options.WordNgrams, CharBits = options.CharBits, WordBits = options.WordBits,
            MinDocumentFrequency = options.MinDocumentFrequency },
            labeled, segmenter, progress, ct);
    }

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
        progress?.Report($"{options.Name}: {fit.Count} fit + {tune.Count} tuning rows, {validation.Count} validation rows, " +
            $"{options.Seeds.Count} seed rows, {options.Unlabeled.Count} unlabelled texts");

        var tokens = new TokenCache(segmenter);
        tokens.Add(labeled.Select(r => r.Text).Concat(options.Seeds.Select(r => r.Text)).Concat(options.Unlabeled), ct);
        progress?.Report($"segmented {tokens.Count} texts in {clock.Elapsed.TotalSeconds:F1} s");
        var run = new Run(options, featureSettings, tokens, new MLContext(seed: options.Seed), ct);

        var settings = (from l2 in options.L2Candidates
                        from balance in options.BalanceCandidates
                        from self in options.Unlabeled.Count > 0 && options.TrySelfTraining ? WithAndWithoutSelfTraining : WithoutSelfTraining
                        select new TrainingSetting(l2, balance, self)).ToList();
        var candidates = new List<TrainingCandidate>();
        var best = settings[0];
        var bestF1 = double.NegativeInfinity;
        foreach (var setting in settings)
        {
            ct.ThrowIfCancellationRequested();
            var fitClock = Stopwatch.StartNew();
            var f1 = options.CrossValidate
                ? run.CrossValidate(train, setting, null, folds: [.. Enumerable.Range(1, 9)]).MacroF1
                : tune.Count == 0 ? 0 : MulticlassEvaluation.Evaluate(run.Fit(fit, setting).Classifier, tune, tokens.Get).MacroF1;
            candidates.Add(new TrainingCandidate(setting.ToString(), f1, fitClock.Elapsed));
            progress?.Report($"{setting}: {(options.CrossValidate ? "9-fold cross-validated" : "tuning")} macro-F1 {f1:F4} ({fitClock.Elapsed.TotalSeconds:F1} s)");
            if (f1 > bestF1)
            {
                (best, bestF1) = (setting, f1);
            }
        }

        var final = run.Fit(train, best);
        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, "model.zip");
        HashedModelFiles.Save(run.Ml, final.Model, final.Space, modelPath);
        var classifier = TextClassifierFactory.Load(modelPath, options.Name);
        var validationReport = MulticlassEvaluation.Evaluate(classifier, validation, tokens.Get);
        progress?.Report($"validation: accuracy {validationReport.Accuracy:F4}, macro-F1 {validationReport.MacroF1:F4}");
        var subsets = labeled.Select(r => MulticlassTraining.Group(r.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(g => new SubsetReport(
                g,
                train.Count(r => MulticlassTraining.Group(r.Source) == g),
                MulticlassEvaluation.Evaluate(classifier, validation.Where(r => MulticlassTraining.Group(r.Source) == g).ToList(), tokens.Get)))
            .ToList();
        MulticlassReport? crossValidation = null;
        if (options.CrossValidate)
        {
            crossValidation = run.CrossValidate(labeled, best, classifier, folds: [.. Enumerable.Range(0, 10)]);
            progress?.Report($"10-fold cross-validation: accuracy {crossValidation.Accuracy:F4}, macro-F1 {crossValidation.MacroF1:F4}");
        }

        var cardPath = Path.Combine(options.OutputDirectory, "CARD.md");
        var report = new MulticlassTrainingReport(
            modelPath,
            cardPath,
            classifier.ModelVersion,
            new FileInfo(modelPath).Length + new FileInfo(HashedModelFiles.FeaturesPathBeside(modelPath)).Length,
            best.ToString(),
            final.Space.Describe() + (options.Unlabeled.Count > 0 ? $"; the IDF also counts the {options.Unlabeled.Count:N0} unlabelled texts" : string.Empty),
            train.Count,
            tune.Count,
            final.PseudoLabeled,
            candidates,
            validationReport,
            subsets,
            crossValidation,
            clock.Elapsed,
            options.CrossValidate
                ? $"settings chosen by cross-validation over the nine non-validation tenths (each scored by a model fitted on the other eight), then refitted on all {train.Count:N0} non-validation rows"
                : null);
        File.WriteAllText(cardPath, MulticlassModelCard.Write(report, options, segmenter.DictionaryVersion));
        progress?.Report($"saved {modelPath} ({report.ModelBytes / 1024} KiB with features.bin), {report.ModelVersion}, in {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    /// <summary>A fitted candidate: its features, its ML.NET model, and how many unlabelled texts it pseudo-labelled.</summary>
    private sealed record Fitted(
        HashedFeatureSpace Space,
        TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Model,
        HashedTextClassifier Classifier,
        int PseudoLabeled);

    /// <summary>One training run's shared state: options, tokens, and the unlabelled texts as feature-space rows.</summary>
    private sealed class Run(MulticlassTrainingOptions options, HashedFeatureSettings featureSettings, TokenCache tokens, MLContext ml, CancellationToken ct)
    {
        private readonly List<(string Text, IReadOnlyList<string> Tokens)> unlabeled = options.Unlabeled.Select(t => (t, tokens.Get(t))).ToList();

        /// <summary>The unlabelled texts' slot counts, computed once: they only enter the IDF, the same for every fold.</summary>
        private DocumentCounts? unlabeledCounts;

        public MLContext Ml => ml;

        public Fitted Fit(IReadOnlyList<LabeledText> rows, TrainingSetting setting)
        {
            ct.ThrowIfCancellationRequested();
            var all = rows.Concat(options.Seeds).ToList();
            if (unlabeled.Count > 0)
            {
                unlabeledCounts ??= HashedFeatureSpace.CountDocuments(featureSettings, unlabeled, ct);
            }

            var space = HashedFeatureSpace.Fit(featureSettings, all.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, ct, unlabeledCounts);
            var model = FitModel(space, all, setting, rows);
            var classifier = Classifier(space, model);
            if (!setting.SelfTrain || unlabeled.Count == 0)
            {
                return new Fitted(space, model, classifier, 0);
            }

            ct.ThrowIfCancellationRequested();
            var labels = rows.Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
            var scored = classifier.ClassifyBatch(unlabeled.ConvertAll(u => new TextInput(u.Text, u.Tokens)));
            var pseudo = unlabeled.Zip(scored)
                .Where(x => x.Second.Score >= options.PseudoLabelThreshold && labels.Contains(x.Second.Label))
                .Select(x => new LabeledText(x.First.Text, x.Second.Label, "unlabelled", options.PseudoLabelWeight))
                .ToList();
            model = FitModel(space, [.. all, .. pseudo], setting, rows);
            return new Fitted(space, model, Classifier(space, model), pseudo.Count);
        }

        /// <summary>Pooled predictions over <paramref name="folds"/>, each scored by a model fitted on the other rows of <paramref name="rows"/>.</summary>
        public MulticlassReport CrossValidate(IReadOnlyList<LabeledText> rows, TrainingSetting setting, ITextClassifier? foldZeroModel, IReadOnlyList<int> folds)
        {
            var actual = new List<string>();
            var predicted = new List<ClassPrediction>();
            IReadOnlyList<string>? labels = null;
            foreach (var fold in folds)
            {
                var held = rows.Where(r => MulticlassTraining.Fold(r.Text) == fold).ToList();
                if (held.Count == 0)
                {
                    continue;
                }

                var classifier = fold == 0 && foldZeroModel is not null
                    ? foldZeroModel
                    : Fit(rows.Where(r => MulticlassTraining.Fold(r.Text) != fold).ToList(), setting).Classifier;
                labels ??= classifier.Labels;
                actual.AddRange(held.Select(r => r.Label));
                predicted.AddRange(classifier.ClassifyBatch(held.ConvertAll(r => new TextInput(r.Text, tokens.Get(r.Text)))));
            }

            return MulticlassReportBuilder.Build(actual, predicted, labels ?? []);
        }

        private HashedTextClassifier Classifier(HashedFeatureSpace space, ITransformer model)
        {
            var schema = FeatureRow.Load(ml, [], space.Dimension).Schema;
            return new HashedTextClassifier(ml, model, schema, space, "in-training");
        }

        /// <summary>Class weights come from the labelled <paramref name="labeledRows"/> alone (seeds and pseudo-labels do not shift them).</summary>
        private TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> FitModel(
            HashedFeatureSpace space, List<LabeledText> rows, TrainingSetting setting, IReadOnlyList<LabeledText> labeledRows)
        {
            var counts = labeledRows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var largest = counts.Values.Max();
            var featureRows = rows.ConvertAll(r => new FeatureRow
            {
                Label = r.Label,
                Features = space.Featurize(r.Text, tokens.Get(r.Text)),
                Weight = r.Weight * (float)Math.Pow((double)largest / counts.GetValueOrDefault(r.Label, largest), setting.Balance),
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
}
