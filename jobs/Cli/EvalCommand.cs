using System.Globalization;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Labels;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor eval TASK</c>: a model's scores on a labelled file, failing below a threshold.</summary>
public static class EvalCommand
{
    public static async Task<int> RunSentimentAsync(
        ISentimentClassifier classifier, ITextSegmenter segmenter, string file, bool validationOnly, double? minAccuracy,
        TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"--data: file '{file}' does not exist");
            return 1;
        }

        var report = await SentimentEvaluation.EvaluateAsync(
            classifier, segmenter, file, validationOnly ? EvaluationSplit.Validation : EvaluationSplit.All, cancellationToken);
        await output.WriteLineAsync(report.ToText());
        return await CheckAsync("accuracy", report.Accuracy, minAccuracy, file, output);
    }

    /// <summary>Emotion (SMP2020 JSONL) or topic (CSV with the given columns) on all rows or our validation tenth.</summary>
    public static async Task<int> RunMulticlassAsync(
        ITextClassifier classifier, ITextSegmenter segmenter, string file, IReadOnlyList<string> textColumns, string labelColumn, bool validationOnly,
        double? minAccuracy, double? minMacroF1, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"--data: file '{file}' does not exist");
            return 1;
        }

        IReadOnlyList<LabeledText> rows;
        try
        {
            rows = file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)
                ? await EmotionCorpusReader.ReadAsync(file, cancellationToken)
                : await LabeledCsvReader.ReadAsync(file, textColumns, labelColumn, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 1;
        }

        var selected = validationOnly ? rows.Where(r => DatasetSplit.IsValidation(r.Text)).ToList() : rows;
        var report = MulticlassEvaluation.Evaluate(classifier, segmenter, selected, cancellationToken);
        await output.WriteLineAsync($"{classifier.ModelVersion} on {file} ({(validationOnly ? "validation rows" : "all rows")})");
        await output.WriteLineAsync(report.ToText());
        var failed = await CheckAsync("accuracy", report.Accuracy, minAccuracy, file, output);
        return failed | await CheckAsync("macro-F1", report.MacroF1, minMacroF1, file, output);
    }

    /// <summary>Service function against our labels: precision/recall per class, confusion matrix.</summary>
    public static async Task<int> RunServiceAsync(
        ITextSegmenter segmenter, ITopicClassifier? topics, IServiceFunctionClassifier classifier, string labelsCsv, string dataFolder,
        string split, double? minMacroF1, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var labels = LabelSplit.Select(await GovMessageLabels.ReadAsync(labelsCsv, dataFolder, cancellationToken), split);
        var predicted = GovMessageScoring.ServiceFunctions(segmenter, topics, classifier, labels.Select(l => l.Text).ToList());
        var report = MulticlassReportBuilder.Build(
            labels.Select(l => l.ServiceFunction).ToList(),
            predicted.Select(p => new ClassPrediction(p.Label, p.Score, [])).ToList(),
            ServiceFunctions.All);
        await output.WriteLineAsync($"service function on {labels.Count} labelled messages ({labelsCsv}, split {split}); topic model {(topics?.ModelVersion ?? "none")}");
        await output.WriteLineAsync(report.ToText());
        return await CheckAsync("macro-F1", report.MacroF1, minMacroF1, labelsCsv, output);
    }

    /// <summary>Urgency ranking against our 0–3 labels: Spearman and precision of the top 10 %.</summary>
    public static async Task<int> RunUrgencyAsync(
        ITextSegmenter segmenter, IEmotionClassifier? emotions, IServiceFunctionClassifier services, IUrgencyScorer scorer, string labelsCsv,
        string dataFolder, string split, double? minSpearman, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var labels = LabelSplit.Select(await GovMessageLabels.ReadAsync(labelsCsv, dataFolder, cancellationToken), split);
        var scores = GovMessageScoring.Urgency(segmenter, emotions, services, scorer, labels.Select(l => l.Text).ToList());
        var report = RankingReport.Build(scores.Select(s => (double)s.Score).ToList(), labels.Select(l => l.Urgency).ToList());
        await output.WriteLineAsync($"urgency on {labels.Count} labelled messages ({labelsCsv}, split {split}); emotion model {(emotions?.ModelVersion ?? "none")}");
        await output.WriteLineAsync(report.ToText());
        return await CheckAsync("Spearman", report.Spearman, minSpearman, labelsCsv, output);
    }

    private static async Task<int> CheckAsync(string metric, double value, double? minimum, string file, TextWriter output)
    {
        if (minimum is { } min && value < min)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"FAIL: {metric} {value:0.0000} is below the required {min:0.0000} on {file}"));
            return 1;
        }

        return 0;
    }
}
