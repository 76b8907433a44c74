using System.Diagnostics;
using Microsoft.ML;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Trains a multiclass text model. Rows with <see cref="DatasetSplit.IsValidation"/> true (hash mod 10 = 0) are held
/// out and only ever scored; settings are chosen on the tuning rows (hash mod 10 = 1) with a model fitted on the
/// other eight tenths; the chosen setting is then refitted on all non-validation rows, saved and described in a card.
/// </summary>
public static class MulticlassTraining
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
        ArgumentNullException.ThrowIfNull(labeled);
        ArgumentNullException.ThrowIfNull(segmenter);
        var clock = Stopwatch.StartNew();
        var validation = labeled.Where(r => Fold(r.Text) == 0).ToList();
        var train = labeled.Where(r => Fold(r.Text) != 0).ToList();
        var tune = train.Where(r => Fold(r.Text) == TuningFold).ToList();
        var fit = train.Where(r => Fold(r.Text) != TuningFold).ToList();
        progress?.Report($"{options.Name}: {fit.Count} fit + {tune.Count} tuning rows, {validation.Count} validation rows, " +
            $"{options.Seeds.Count} seed rows, {options.Unlabeled.Count} unlabelled texts");

        var tokens = new TokenCache(segmenter);
        tokens.Add(labeled.Select(r => r.Text).Concat(options.Seeds.Select(r => r.Text)).Concat(options.Unlabeled), ct);
        progress?.Report($"segmented {tokens.Count} texts in {clock.Elapsed.TotalSeconds:F1} s");

        var ml = new MLContext(seed: options.Seed);
        var settings = (from l2 in options.L2Candidates
                        from balance in options.BalanceCandidates
                        from self in options.Unlabeled.Count > 0 ? WithAndWithoutSelfTraining : WithoutSelfTraining
                        select new TrainingSetting(l2, balance, self)).ToList();
        var candidates = new List<TrainingCandidate>();
        var best = settings[0];
        var bestF1 = double.NegativeInfinity;
        foreach (var setting in settings)
        {
            ct.ThrowIfCancellationRequested();
            var fitClock = Stopwatch.StartNew();
            var model = Fit(ml, options, tokens, fit, setting, out _, ct);
            var f1 = Evaluate(model, tune, tokens).MacroF1;
            candidates.Add(new TrainingCandidate(setting.ToString(), f1, fitClock.Elapsed));
            progress?.Report($"{setting}: tuning macro-F1 {f1:F4} (fit {fitClock.Elapsed.TotalSeconds:F1} s)");
            if (f1 > bestF1)
            {
                (best, bestF1) = (setting, f1);
            }
        }

        var final = Fit(ml, options, tokens, train, best, out var pseudo, ct);
        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, "model.zip");
        ml.Model.Save(final.Model, final.InputSchema, modelPath);
        var classifier = TextClassifierFactory.Load(modelPath, options.Name);
        var validationReport = MulticlassEvaluation.Evaluate(classifier, validation, tokens.Get);
        progress?.Report($"validation: accuracy {validationReport.Accuracy:F4}, macro-F1 {validationReport.MacroF1:F4}");
        var subsets = labeled.Select(r => Group(r.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(g => new SubsetReport(
                g,
                train.Count(r => Group(r.Source) == g),
                MulticlassEvaluation.Evaluate(classifier, validation.Where(r => Group(r.Source) == g).ToList(), tokens.Get)))
            .ToList();
        var crossValidation = options.CrossValidate
            ? CrossValidate(ml, options, tokens, labeled, best, classifier, progress, ct)
            : null;

        var cardPath = Path.Combine(options.OutputDirectory, "CARD.md");
        var report = new MulticlassTrainingReport(
            modelPath,
            cardPath,
            classifier.ModelVersion,
            new FileInfo(modelPath).Length,
            best.ToString(),
            MulticlassPipeline.Describe(options),
            train.Count,
            tune.Count,
            pseudo,
            candidates,
            validationReport,
            subsets,
            crossValidation,
            clock.Elapsed);
        File.WriteAllText(cardPath, MulticlassModelCard.Write(report, options, segmenter.DictionaryVersion));
        progress?.Report($"saved {modelPath} ({report.ModelBytes / 1024} KiB), {report.ModelVersion}, in {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    /// <summary>The tenth (0–9) of the hash split a text falls in; 0 is the validation tenth.</summary>
    internal static int Fold(string text) => (int)(DatasetSplit.StableHash(text) % 10);

    /// <summary>The part of a source name before <c>:</c> (the file), used to report per domain.</summary>
    internal static string Group(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }

    private static MulticlassReport CrossValidate(
        MLContext ml, MulticlassTrainingOptions options, TokenCache tokens, IReadOnlyList<LabeledText> labeled, TrainingSetting setting,
        ITextClassifier validationModel, IProgress<string>? progress, CancellationToken ct)
    {
        var actual = new List<string>();
        var predicted = new List<ClassPrediction>();
        for (var fold = 0; fold < 10; fold++)
        {
            var held = labeled.Where(r => Fold(r.Text) == fold).ToList();
            var classifier = fold == 0
                ? validationModel
                : Fit(ml, options, tokens, labeled.Where(r => Fold(r.Text) != fold).ToList(), setting, out _, ct).Classifier(ml);
            actual.AddRange(held.Select(r => r.Label));
            predicted.AddRange(classifier.ClassifyBatch(held.ConvertAll(r => new TextInput(r.Text, tokens.Get(r.Text)))));
        }

        var report = MulticlassReportBuilder.Build(actual, predicted, validationModel.Labels);
        progress?.Report($"10-fold cross-validation: accuracy {report.Accuracy:F4}, macro-F1 {report.MacroF1:F4}");
        return report;
    }

    private static MulticlassReport Evaluate(FittedModel model, IReadOnlyList<LabeledText> rows, TokenCache tokens) =>
        MulticlassEvaluation.Evaluate(model.Classifier(null), rows, tokens.Get);

    private static FittedModel Fit(
        MLContext ml, MulticlassTrainingOptions options, TokenCache tokens, IReadOnlyList<LabeledText> rows, TrainingSetting setting,
        out int pseudoLabeled, CancellationToken ct)
    {
        var counts = rows.GroupBy(r => r.Label, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var largest = counts.Values.Max();
        float ClassWeight(string label) =>
            (float)Math.Pow((double)largest / counts.GetValueOrDefault(label, largest), setting.Balance);
        TextRow ToRow(LabeledText r) => TextFeatures.Row(r.Text, tokens.Get(r.Text), r.Label, r.Weight * ClassWeight(r.Label));

        var trainRows = rows.Concat(options.Seeds).Select(ToRow).ToList();
        var model = FitRows(ml, options, setting, trainRows);
        pseudoLabeled = 0;
        if (!setting.SelfTrain || options.Unlabeled.Count == 0)
        {
            return model;
        }

        ct.ThrowIfCancellationRequested();
        var classifier = model.Classifier(ml);
        var scored = classifier.ClassifyBatch(options.Unlabeled.Select(t => new TextInput(t, tokens.Get(t))).ToList());
        var pseudo = options.Unlabeled.Zip(scored)
            .Where(x => x.Second.Score >= options.PseudoLabelThreshold && counts.ContainsKey(x.Second.Label))
            .Select(x => ToRow(new LabeledText(x.First, x.Second.Label, "unlabelled", options.PseudoLabelWeight)))
            .ToList();
        pseudoLabeled = pseudo.Count;
        return FitRows(ml, options, setting, trainRows.Concat(pseudo).ToList());
    }

    private static FittedModel FitRows(MLContext ml, MulticlassTrainingOptions options, TrainingSetting setting, List<TextRow> rows)
    {
        var data = ml.Data.ShuffleRows(ml.Data.LoadFromEnumerable(rows), seed: options.Seed);
        return new FittedModel(MulticlassPipeline.Build(ml, options, setting.L2).Fit(data), data.Schema);
    }
}
