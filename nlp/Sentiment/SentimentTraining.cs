using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Sentiment;

/// <summary>
/// Trains the binary sentiment model on the four corpora of <c>shared/data</c> together. Rows whose
/// <see cref="DatasetSplit.IsValidation"/> is true are held out; every candidate trainer is fitted on the rest, the
/// one with the best validation accuracy is kept, saved as <c>model.zip</c> and described in <c>CARD.md</c>.
/// </summary>
public static class SentimentTraining
{
    public static async Task<SentimentTrainingReport> TrainAsync(
        SentimentTrainingOptions options,
        ITextSegmenter segmenter,
        IProgress<string>? progress,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(segmenter);
        var clock = Stopwatch.StartNew();
        var corpora = new List<(SentimentCorpus Corpus, string File, IReadOnlyList<LabeledReview> Train, IReadOnlyList<LabeledReview> Validation)>();
        var missing = SentimentCorpus.Defaults
            .Select(c => Path.Combine(options.DataRoot, c.RelativePath))
            .Where(f => !File.Exists(f))
            .ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"Sentiment corpora missing under '{options.DataRoot}': {string.Join(", ", missing)}");
        }

        foreach (var corpus in SentimentCorpus.Defaults)
        {
            var file = Path.Combine(options.DataRoot, corpus.RelativePath);
            var rows = await SentimentCsvReader.ReadAsync(file, ct);
            var validation = rows.Where(r => DatasetSplit.IsValidation(r.Review)).ToList();
            var train = rows.Where(r => !DatasetSplit.IsValidation(r.Review)).ToList();
            corpora.Add((corpus, file, train, validation));
            progress?.Report($"{corpus.Name}: {train.Count} train, {validation.Count} validation rows");
        }

        var trainRows = Featurize(corpora.SelectMany(c => c.Train), segmenter, ct);
        var validationRows = Featurize(corpora.SelectMany(c => c.Validation), segmenter, ct);
        progress?.Report($"segmented {trainRows.Count + validationRows.Count} rows in {clock.Elapsed.TotalSeconds:F1} s");

        var ml = new MLContext(seed: options.Seed);
        var trainData = ml.Data.ShuffleRows(ml.Data.LoadFromEnumerable(trainRows), seed: options.Seed);
        var validationData = ml.Data.LoadFromEnumerable(validationRows);
        var featurizer = SentimentPipeline.Featurizer(ml).Fit(trainData);
        var trainFeatures = ml.Data.Cache(featurizer.Transform(trainData));
        var validationFeatures = ml.Data.Cache(featurizer.Transform(validationData));

        var candidates = new List<TrainerCandidate>();
        ITransformer? best = null;
        var bestName = string.Empty;
        var bestAccuracy = double.NegativeInfinity;
        foreach (var (name, trainer) in SentimentPipeline.Candidates(ml))
        {
            ct.ThrowIfCancellationRequested();
            var fitClock = Stopwatch.StartNew();
            var model = trainer.Fit(trainFeatures);
            var accuracy = Accuracy(model.Transform(validationFeatures), validationRows);
            candidates.Add(new TrainerCandidate(name, accuracy, fitClock.Elapsed));
            progress?.Report($"{name}: validation accuracy {accuracy:F4} (fit {fitClock.Elapsed.TotalSeconds:F1} s)");
            if (accuracy > bestAccuracy)
            {
                (best, bestName, bestAccuracy) = (model, name, accuracy);
            }
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var modelPath = Path.Combine(options.OutputDirectory, "model.zip");
        ml.Model.Save(featurizer.Append(best!), trainData.Schema, modelPath);
        var classifier = SentimentClassifierFactory.Load(modelPath);

        var evaluations = corpora
            .Select(c => new CorpusEvaluation(
                c.Corpus.Name,
                c.Corpus.RelativePath,
                c.Train.Count,
                c.Validation.Count,
                SentimentEvaluation.Evaluate(classifier, segmenter, c.Validation, ct)))
            .ToList();
        var overall = SentimentEvaluation.Evaluate(classifier, segmenter, corpora.SelectMany(c => c.Validation).ToList(), ct);
        var cardPath = Path.Combine(options.OutputDirectory, "CARD.md");
        var report = new SentimentTrainingReport(
            modelPath,
            cardPath,
            classifier.ModelVersion,
            new FileInfo(modelPath).Length,
            bestName,
            SentimentPipeline.Description,
            candidates,
            evaluations,
            overall,
            clock.Elapsed);
        await File.WriteAllTextAsync(cardPath, ModelCard.Write(report, options, segmenter.DictionaryVersion), ct);
        progress?.Report($"saved {modelPath} ({report.ModelBytes / 1024} KiB), {report.ModelVersion}, in {clock.Elapsed.TotalSeconds:F0} s");
        return report;
    }

    /// <summary>Share of rows whose predicted label is right (0 without rows; ML.NET's evaluator throws when a class is missing).</summary>
    private static double Accuracy(IDataView scored, List<SentimentRow> rows)
    {
        var predicted = scored.GetColumn<bool>("PredictedLabel").ToList();
        return rows.Count == 0 ? 0 : (double)predicted.Where((p, i) => p == rows[i].Label).Count() / rows.Count;
    }

    private static List<SentimentRow> Featurize(IEnumerable<LabeledReview> rows, ITextSegmenter segmenter, CancellationToken ct)
    {
        var result = new List<SentimentRow>();
        foreach (var row in rows)
        {
            ct.ThrowIfCancellationRequested();
            result.Add(SentimentFeatureText.Row(row.Review, segmenter.Cut(row.Review), row.Positive));
        }

        return result;
    }
}
