using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Trains a multiclass model on our <see cref="HashedFeatureSpace"/> features with ML.NET's maximum entropy (the
/// emotion model, the topic models). The split: validation = hash mod 10 = 0 (<see cref="DatasetSplit.IsValidation"/>,
/// only ever scored). Settings are chosen on the tuning tenth (mod 10 = 1) with a model fitted on the other eight
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
    private const string LabelKey = "LabelKey";
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
        var validation = labeled.Where(r => Fold(r.Text) == 0).ToList();
        var train = labeled.Where(r => Fold(r.Text) != 0).ToList();
        var tune = train.Where(r => Fold(r.Text) == TuningFold).ToList();
        var fit = train.Where(r => Fold(r.Text) != TuningFold).ToList();
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
        OutOfFold? bestHeld = null;
        foreach (var setting in settings)
        {
            ct.ThrowIfCancellationRequested();
            var fitClock = Stopwatch.StartNew();
            var held = options.CrossValidate
                ? run.CrossValidate(train, setting, null, folds: [.. Enumerable.Range(1, 9)])
                : tune.Count == 0 ? null : run.Score(run.Fit(fit, setting).Classifier, tune);
            var f1 = held?.Report.MacroF1 ?? 0;
            candidates.Add(new TrainingCandidate(setting.ToString(), f1, fitClock.Elapsed));
            progress?.Report($"{setting}: {(options.CrossValidate ? "9-fold cross-validated" : "tuning")} macro-F1 {f1:F4} ({fitClock.Elapsed.TotalSeconds:F1} s)");
            if (f1 > bestF1)
            {
                (best, bestF1, bestHeld) = (setting, f1, held);
            }
        }

        string? offsetNote = null;
        if (options.TuneClassOffsets && bestHeld is { } h && h.Labels.Count > 1)
        {
            // Whether offsets generalise is decided on the same held-out rows: by fold for cross-validation, else by five
            // hash groups of the tuning tenth, each group decided by offsets chosen on the others.
            var groups = h.Texts.ConvertAll(t => options.CrossValidate ? Fold(t) : (int)(DatasetSplit.StableHash(t) / 10 % 5));
            var (without, crossChosen) = ClassOffsets.CrossCheck(h.Actual, h.Predicted, h.Labels, groups);
            var offsets = ClassOffsets.Choose(h.Actual, h.Predicted, h.Labels);
            var tuned = ClassOffsets.MacroF1(h.Actual, h.Predicted, h.Labels, offsets);
            var where = options.CrossValidate ? "the pooled 9-fold cross-validation predictions" : "the tuning rows";
            var c = System.Globalization.CultureInfo.InvariantCulture;
            if (crossChosen >= without + ClassOffsets.RequiredGain)
            {
                run.Offsets = h.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => offsets[x.i], StringComparer.Ordinal);
                offsetNote = string.Create(c,
                    $"{string.Join(", ", h.Labels.Select((l, i) => $"{l} {offsets[i]:+0.0;-0.0;0}"))} (log-odds added to the biases, chosen by coordinate ascent for macro-F1 on {where}: " +
                    $"{without:F4} → {tuned:F4} there, optimistic; each of {groups.Distinct().Count()} groups decided by offsets chosen on the others: {crossChosen:F4})");
            }
            else
            {
                offsetNote = string.Create(c, $"none (on {where}, offsets chosen on the other groups gave macro-F1 {crossChosen:F4} against {without:F4} without; " +
                    $"kept only when at least {ClassOffsets.RequiredGain} better)");
            }

            progress?.Report($"class offsets: {offsetNote}");
        }

        var final = run.Fit(train, best, withOffsets: false);
        var withoutOffsets = run.Offsets is null ? null : MulticlassEvaluation.Evaluate(final.Classifier, validation, tokens.Get);
        if (run.Offsets is { } chosen && !ClassOffsets.Apply(final.Model.LastTransformer.Model, final.Classifier.Labels, chosen))
        {
            throw new InvalidOperationException("This ML.NET version does not expose the maximum-entropy biases as an array; class offsets cannot be stored.");
        }

        if (withoutOffsets is not null)
        {
            offsetNote += string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"; the same model without them: validation accuracy {withoutOffsets.Accuracy:F4}, macro-F1 {withoutOffsets.MacroF1:F4}");
            progress?.Report($"validation without class offsets: accuracy {withoutOffsets.Accuracy:F4}, macro-F1 {withoutOffsets.MacroF1:F4}");
        }

        var space = final.Space;
        HashedFeatureSpace? firstLineSpace = null;
        string? calibrationNote = null;
        if (options.CalibrateTemperature && bestHeld is { } heldOut && heldOut.Labels.Count > 1)
        {
            (space, firstLineSpace, calibrationNote) = Calibrate(run.Ml, final, heldOut, run.Offsets, validation, tokens, options.CrossValidate);
            progress?.Report($"calibration: {calibrationNote}");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, "model.zip");
        HashedModelFiles.Save(run.Ml, final.Model, space, modelPath);
        var firstLineFolder = Path.Combine(options.OutputDirectory, Topics.FirstLineTopicClassifier.FolderName);
        if (Directory.Exists(firstLineFolder))
        {
            // A part left from an earlier model must not join this one.
            Directory.Delete(firstLineFolder, recursive: true);
        }

        var firstLineBytes = 0L;
        if (final.FirstLine is { } part)
        {
            var firstLinePath = Path.Combine(firstLineFolder, "model.zip");
            Directory.CreateDirectory(firstLineFolder);
            HashedModelFiles.Save(run.Ml, part.Model, firstLineSpace ?? part.Space, firstLinePath);
            firstLineBytes = new FileInfo(firstLinePath).Length + new FileInfo(HashedModelFiles.FeaturesPathBeside(firstLinePath)).Length;
        }

        var classifier = TextClassifierFactory.Load(modelPath, options.Name);
        var validationReport = MulticlassEvaluation.Evaluate(classifier, validation, tokens.Get);
        progress?.Report($"validation: accuracy {validationReport.Accuracy:F4}, macro-F1 {validationReport.MacroF1:F4}");
        var subsets = labeled.Select(r => Group(r.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(g => new SubsetReport(
                g,
                train.Count(r => Group(r.Source) == g),
                MulticlassEvaluation.Evaluate(classifier, validation.Where(r => Group(r.Source) == g).ToList(), tokens.Get)))
            .ToList();
        MulticlassReport? crossValidation = null;
        if (options.CrossValidate)
        {
            crossValidation = run.CrossValidate(labeled, best, classifier, folds: [.. Enumerable.Range(0, 10)]).Report;
            progress?.Report($"10-fold cross-validation: accuracy {crossValidation.Accuracy:F4}, macro-F1 {crossValidation.MacroF1:F4}");
        }

        var cardPath = Path.Combine(options.OutputDirectory, "CARD.md");
        var report = new MulticlassTrainingReport(
            modelPath,
            cardPath,
            classifier.ModelVersion,
            new FileInfo(modelPath).Length + new FileInfo(HashedModelFiles.FeaturesPathBeside(modelPath)).Length + firstLineBytes,
            best.ToString(),
            space.Describe() + (options.Unlabeled.Count > 0 ? $"; the IDF also counts the {options.Unlabeled.Count:N0} unlabelled texts" : string.Empty)
                + (final.FirstLine is { } line
                    ? System.FormattableString.Invariant($"; plus a first-line model (`{Topics.FirstLineTopicClassifier.FolderName}/`: the same features, trainer and keyword documents over each row's first line, the title; {line.Space.ActiveSlots:N0} slots kept), served as whole-text log-probabilities + {Topics.FirstLineTopicClassifier.FirstLineWeight} × first-line log-probabilities, renormalized")
                    : string.Empty),
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
                : null,
            offsetNote,
            calibrationNote);
        File.WriteAllText(cardPath, MulticlassModelCard.Write(report, options, segmenter.DictionaryVersion));
        progress?.Report($"saved {modelPath} ({report.ModelBytes / 1024} KiB with features.bin), {report.ModelVersion}, in {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    /// <summary>
    /// Fits the temperature on the held-out predictions that chose the setting (with any class offsets added, as the
    /// final model will have them), and applies it to <paramref name="final"/>: its biases are multiplied in place and
    /// the returned feature space carries the factor for w·x. A two-part topic model gets the factor in both parts: its
    /// served log-probabilities are whole + w × first line, so scaling both scales their sum, which is what was fitted.
    /// The note compares the validation calibration error before and after.
    /// </summary>
    private static (HashedFeatureSpace Space, HashedFeatureSpace? FirstLineSpace, string Note) Calibrate(
        MLContext ml, Fitted final, OutOfFold heldOut, IReadOnlyDictionary<string, double>? offsets, List<LabeledText> validation, TokenCache tokens, bool crossValidated)
    {
        var index = heldOut.Labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var truth = heldOut.Actual.ConvertAll(a => index.GetValueOrDefault(a, -1));
        var logs = heldOut.Predicted.Select(p => p.Probabilities
            .Select((v, c) => Math.Log(Math.Max(v, 1e-12)) + (offsets?.GetValueOrDefault(heldOut.Labels[c]) ?? 0)).ToArray()).ToList();
        var scale = ProbabilityTemperature.FitSoftmax(truth, logs);
        var before = validation.Count == 0 ? null : MulticlassEvaluation.Evaluate(final.Classifier, validation, tokens.Get);
        ScaleBiases(final.Model, scale);
        var space = final.Space.WithOutputScale((float)scale);
        ITextClassifier calibrated = Scored(ml, final.Model, space);
        HashedFeatureSpace? firstLineSpace = null;
        if (final.FirstLine is { } part)
        {
            ScaleBiases(part.Model, scale);
            firstLineSpace = part.Space.WithOutputScale((float)scale);
            calibrated = new Topics.FirstLineTopicClassifier(calibrated, Scored(ml, part.Model, firstLineSpace));
        }

        var after = validation.Count == 0 ? null : MulticlassEvaluation.Evaluate(calibrated, validation, tokens.Get);
        var where = crossValidated ? "the pooled 9-fold cross-validation predictions" : "the tuning rows";
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var effect = before is null || after is null
            ? "no validation rows"
            : string.Create(c, $"validation calibration error {before.CalibrationError:F4} → {after.CalibrationError:F4}, accuracy {before.Accuracy:F4} → {after.Accuracy:F4}");
        var fitted = string.Create(c, $"there (in-sample for this one number) calibration error {Ece(heldOut, logs, 1):F4} → {Ece(heldOut, logs, scale):F4}");
        var note = string.Create(c, $"scores × {scale:F3} (temperature {1 / scale:F3}), chosen for the least log-loss on {where}, {fitted}; {effect}");
        return (space, firstLineSpace, note);
    }

    /// <summary>The calibration error of the held-out predictions with their log-probabilities multiplied by <paramref name="scale"/>.</summary>
    private static double Ece(OutOfFold heldOut, List<double[]> logs, double scale)
    {
        var predicted = logs.ConvertAll(z =>
        {
            var max = z.Max();
            var e = z.Select(v => Math.Exp(scale * (v - max))).ToArray();
            var sum = e.Sum();
            var p = e.Select(v => (float)(v / sum)).ToArray();
            var best = Array.IndexOf(p, p.Max());
            return new ClassPrediction(heldOut.Labels[best], p[best], p);
        });
        return MulticlassReportBuilder.Build(heldOut.Actual, predicted, heldOut.Labels).CalibrationError;
    }

    private static void ScaleBiases(TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> model, double scale)
    {
        if (model.LastTransformer.Model.GetBiases() is not float[] biases)
        {
            throw new InvalidOperationException("This ML.NET version does not expose the maximum-entropy biases as an array; the temperature cannot be stored.");
        }

        for (var k = 0; k < biases.Length; k++)
        {
            biases[k] *= (float)scale;
        }
    }

    private static HashedTextClassifier Scored(MLContext ml, ITransformer model, HashedFeatureSpace space) =>
        new(ml, model, FeatureRow.Load(ml, [], space.Dimension).Schema, space, "calibrated");

    /// <summary>The tenth (0–9) of the hash split a text falls in; 0 is the validation tenth.</summary>
    internal static int Fold(string text) => (int)(DatasetSplit.StableHash(text) % 10);

    /// <summary>The part of a source name before <c>:</c> (the file), used to report per domain.</summary>
    internal static string Group(string source)
    {
        var colon = source.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? source : source[..colon];
    }

    /// <summary>A fitted candidate: its features, its ML.NET model, and how many unlabelled texts it pseudo-labelled.</summary>
    private sealed record Fitted(
        HashedFeatureSpace Space,
        TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Model,
        ITextClassifier Classifier,
        int PseudoLabeled,
        FirstLinePart? FirstLine = null);

    /// <summary>The first-line model of a two-part topic model (<see cref="MulticlassTrainingOptions.FirstLineModel"/>).</summary>
    private sealed record FirstLinePart(HashedFeatureSpace Space, TransformerChain<MulticlassPredictionTransformer<MaximumEntropyModelParameters>> Model);

    /// <summary>Held-out predictions (true labels, predictions, the model's label order) and their report.</summary>
    private sealed record OutOfFold(List<string> Texts, List<string> Actual, IReadOnlyList<ClassPrediction> Predicted, IReadOnlyList<string> Labels, MulticlassReport Report);

    /// <summary>One training run's shared state: options, tokens, and the unlabelled texts as feature-space rows.</summary>
    private sealed class Run(MulticlassTrainingOptions options, HashedFeatureSettings featureSettings, TokenCache tokens, MLContext ml, CancellationToken ct)
    {
        private readonly List<(string Text, IReadOnlyList<string> Tokens)> unlabeled = options.Unlabeled.Select(t => (t, tokens.Get(t))).ToList();

        /// <summary>The unlabelled texts' slot counts, computed once: they only enter the IDF, the same for every fold.</summary>
        private DocumentCounts? unlabeledCounts;

        public MLContext Ml => ml;

        /// <summary>Per-class log-odds offsets added to every fitted model's biases once chosen (<see cref="ClassOffsets"/>).</summary>
        public IReadOnlyDictionary<string, double>? Offsets { get; set; }

        public Fitted Fit(IReadOnlyList<LabeledText> rows, TrainingSetting setting, bool withOffsets = true)
        {
            var fitted = FitWithoutOffsets(rows, setting);
            if (withOffsets && Offsets is { } offsets && !ClassOffsets.Apply(fitted.Model.LastTransformer.Model, fitted.Classifier.Labels, offsets))
            {
                throw new InvalidOperationException("This ML.NET version does not expose the maximum-entropy biases as an array; class offsets cannot be applied.");
            }

            return fitted;
        }

        /// <summary>The held-out predictions of <paramref name="classifier"/> on <paramref name="rows"/>.</summary>
        public OutOfFold Score(ITextClassifier classifier, IReadOnlyList<LabeledText> rows)
        {
            var actual = rows.Select(r => r.Label).ToList();
            var predicted = classifier.ClassifyBatch(rows.Select(r => new TextInput(r.Text, tokens.Get(r.Text))).ToList());
            return new OutOfFold(rows.Select(r => r.Text).ToList(), actual, predicted, classifier.Labels, MulticlassReportBuilder.Build(actual, predicted, classifier.Labels));
        }

        private Fitted FitWithoutOffsets(IReadOnlyList<LabeledText> rows, TrainingSetting setting)
        {
            ct.ThrowIfCancellationRequested();
            var all = rows.Concat(options.Seeds).ToList();
            if (unlabeled.Count > 0)
            {
                unlabeledCounts ??= HashedFeatureSpace.CountDocuments(featureSettings, unlabeled, ct);
            }

            var space = HashedFeatureSpace.Fit(featureSettings, all.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, ct, unlabeledCounts);
            var model = FitModel(space, all, setting, rows);
            if (options.FirstLineModel)
            {
                // The same rows cut to their first line, the same keyword documents; the split stays the whole text's.
                var lines = rows.Select(FirstLineRow).ToList();
                var lineAll = lines.Concat(options.Seeds).ToList();
                var lineSpace = HashedFeatureSpace.Fit(featureSettings, lineAll.ConvertAll(r => (r.Text, tokens.Get(r.Text))), null, ct, unlabeledCounts);
                var lineModel = FitModel(lineSpace, lineAll, setting, lines);
                var twoPart = new Topics.FirstLineTopicClassifier(Classifier(space, model), Classifier(lineSpace, lineModel));
                return new Fitted(space, model, twoPart, 0, new FirstLinePart(lineSpace, lineModel));
            }

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

        /// <summary>A row cut to its first line, with the tokens of its whole text that lie there (as scoring cuts them).</summary>
        private LabeledText FirstLineRow(LabeledText row)
        {
            var line = Topics.FirstLineTopicClassifier.FirstLineOf(new TextInput(row.Text, tokens.Get(row.Text)));
            tokens.Put(line.Text, line.Tokens);
            return row with { Text = line.Text };
        }

        /// <summary>Pooled predictions over <paramref name="folds"/>, each scored by a model fitted on the other rows of <paramref name="rows"/>.</summary>
        public OutOfFold CrossValidate(IReadOnlyList<LabeledText> rows, TrainingSetting setting, ITextClassifier? foldZeroModel, IReadOnlyList<int> folds)
        {
            var actual = new List<string>();
            var texts = new List<string>();
            var predicted = new List<ClassPrediction>();
            IReadOnlyList<string>? labels = null;
            foreach (var fold in folds)
            {
                var held = rows.Where(r => Fold(r.Text) == fold).ToList();
                if (held.Count == 0)
                {
                    continue;
                }

                var classifier = fold == 0 && foldZeroModel is not null
                    ? foldZeroModel
                    : Fit(rows.Where(r => Fold(r.Text) != fold).ToList(), setting).Classifier;
                labels ??= classifier.Labels;
                actual.AddRange(held.Select(r => r.Label));
                texts.AddRange(held.Select(r => r.Text));
                var scored = classifier.ClassifyBatch(held.ConvertAll(r => new TextInput(r.Text, tokens.Get(r.Text))));

                // Each fold's model numbers the labels in the order it met them; pool the probabilities in the first one's order.
                predicted.AddRange(classifier.Labels.SequenceEqual(labels, StringComparer.Ordinal) ? scored : scored.Select(p => Reorder(p, classifier.Labels, labels)));
            }

            return new OutOfFold(texts, actual, predicted, labels ?? [], MulticlassReportBuilder.Build(actual, predicted, labels ?? []));
        }

        private static ClassPrediction Reorder(ClassPrediction prediction, IReadOnlyList<string> from, IReadOnlyList<string> to)
        {
            var probabilities = new float[to.Count];
            for (var i = 0; i < from.Count && i < prediction.Probabilities.Count; i++)
            {
                var j = IndexOf(to, from[i]);
                if (j >= 0)
                {
                    probabilities[j] = prediction.Probabilities[i];
                }
            }

            return prediction with { Probabilities = probabilities };
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

            return -1;
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
            var pipeline = ml.Transforms.Conversion.MapValueToKey(LabelKey, nameof(FeatureRow.Label))
                .AppendCacheCheckpoint(ml)
                .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
                {
                    LabelColumnName = LabelKey,
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
