using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monitor.Index.Corrections;
using Monitor.Nlp;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Jobs.Retraining;

/// <summary>
/// Retrains a multiclass model (emotion, topic) from the public data plus people's corrections, with the nlp
/// trainers themselves: the public files are copied into a work folder with the corrected messages appended in the
/// same format, and <see cref="EmotionTraining"/> or <see cref="TopicTraining"/> trains on that folder exactly as
/// <c>./monitor train</c> does. The candidate and the current model are then scored on the public data's held-out
/// validation split (rows of the hash split's validation tenth; corrections are not trusted as a yardstick) and the
/// candidate is promoted only when its macro-F1 is not lower. Every candidate keeps its own version folder and card;
/// the promoted one is named in <c>state.json</c>, the older versions stay. The binary sentiment model goes the same
/// way with <see cref="SentimentTraining"/> (the corrections join the weibo corpus as <c>label</c> 1/0 rows) and is
/// judged by accuracy on the four corpora's validation rows, its only metric with one meaning across the corpora.
/// </summary>
public sealed partial class ModelRetrainer
{
    private static readonly JsonSerializerOptions JsonLines = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ILabelCorrections _corrections;
    private readonly ITextSegmenter _segmenter;
    private readonly RetrainingOptions _options;
    private readonly string _deployedModels;
    private readonly string _modelsDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ModelRetrainer(
        ILabelCorrections corrections, ITextSegmenter segmenter, IOptions<RetrainingOptions> options, IOptions<NlpOptions> nlp, string dataDirectory,
        TimeProvider time, ILogger<ModelRetrainer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(nlp);
        _corrections = corrections;
        _segmenter = segmenter;
        _options = options.Value;
        _deployedModels = nlp.Value.ModelsPath;
        _modelsDirectory = Path.Combine(dataDirectory, _options.ModelsDirectory);
        _time = time;
        _logger = logger;
    }

    /// <summary>The folder of a task's versions and its <c>state.json</c>.</summary>
    public string TaskDirectory(string task) => Path.Combine(_modelsDirectory, task);

    /// <summary>The model file the pipeline should use for <paramref name="task"/>: the promoted version, else the deployed one.</summary>
    public string CurrentModelPath(string task) => PromotedModelPath(task) ?? Path.Combine(_deployedModels, task, "model.zip");

    /// <summary>The promoted version's model file, or null while none was promoted (or its folder was removed).</summary>
    public string? PromotedModelPath(string task)
    {
        var state = RetrainingState.Read(Path.Combine(TaskDirectory(task), "state.json"));
        return state.Current is { } version && Path.Combine(TaskDirectory(task), version, "model.zip") is var path && File.Exists(path) ? path : null;
    }

    public async Task<RetrainingOutcome> RetrainAsync(string task, CancellationToken cancellationToken)
    {
        if (task is not (LabelTasks.Emotion or LabelTasks.Topic or LabelTasks.Sentiment))
        {
            throw new ArgumentException($"Only the sentiment, emotion and topic models are retrained from corrections, not '{task}'.", nameof(task));
        }

        var taskDirectory = TaskDirectory(task);
        Directory.CreateDirectory(taskDirectory);
        var statePath = Path.Combine(taskDirectory, "state.json");
        var state = RetrainingState.Read(statePath);
        var fresh = await _corrections.CountSinceAsync(task, state.ConsideredCorrectionId, cancellationToken);
        if (fresh < _options.MinNewCorrections)
        {
            return new RetrainingOutcome(task, RetrainingDecision.Skipped, 0, fresh, null, null, null, null, null);
        }

        var corrected = await _corrections.CorrectedTextsAsync(task, cancellationToken);
        var lastCorrection = corrected.Count == 0 ? state.ConsideredCorrectionId : Math.Max(state.ConsideredCorrectionId, corrected.Max(c => c.CorrectionId));
        var version = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var output = Path.Combine(taskDirectory, version);
        var work = Path.Combine(taskDirectory, ".work-" + version);
        var currentPath = CurrentModelPath(task);
        LogStart(_logger, task, corrected.Count, fresh, version);
        if (task == LabelTasks.Sentiment)
        {
            return await RetrainSentimentAsync(corrected, fresh, state, lastCorrection, version, work, output, currentPath, cancellationToken);
        }

        MulticlassTrainingReport report;
        try
        {
            report = task == LabelTasks.Emotion
                ? await TrainEmotionAsync(corrected, work, output, cancellationToken)
                : await TrainTopicAsync(corrected, work, output, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var validation = (await PublicRowsAsync(task, cancellationToken)).Where(r => DatasetSplit.IsValidation(r.Text)).ToList();
        var candidate = TextClassifierFactory.Load(report.ModelPath, task);
        var candidateScore = MulticlassEvaluation.Evaluate(candidate, _segmenter, validation, cancellationToken);
        ITextClassifier? current = File.Exists(currentPath) ? TextClassifierFactory.Load(currentPath, task) : null;
        var currentScore = current is null ? null : MulticlassEvaluation.Evaluate(current, _segmenter, validation, cancellationToken);
        var promote = currentScore is null || candidateScore.MacroF1 >= currentScore.MacroF1;
        var outcome = new RetrainingOutcome(
            task, promote ? RetrainingDecision.Promoted : RetrainingDecision.Rejected, corrected.Count, fresh, version,
            candidate.ModelVersion, candidateScore.MacroF1, current?.ModelVersion, currentScore?.MacroF1);
        await File.AppendAllTextAsync(report.CardPath, Card(outcome, validation.Count, currentPath, candidateScore, currentScore), cancellationToken);
        new RetrainingState(promote ? version : state.Current, lastCorrection).Write(statePath);
        LogDecision(_logger, task, outcome.Decision, version, candidateScore.MacroF1, currentScore?.MacroF1);
        return outcome;
    }

    private async Task<RetrainingOutcome> RetrainSentimentAsync(
        IReadOnlyList<CorrectedText> corrected, int fresh, RetrainingState state, long lastCorrection, string version, string work, string output, string currentPath,
        CancellationToken cancellationToken)
    {
        SentimentTrainingReport report;
        try
        {
            report = await TrainSentimentAsync(corrected, work, output, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }

        var candidate = SentimentClassifierFactory.Load(report.ModelPath);
        var candidateScore = await SentimentValidationAsync(candidate, cancellationToken);
        ISentimentClassifier? current = File.Exists(currentPath) ? SentimentClassifierFactory.Load(currentPath) : null;
        (double Accuracy, int Rows)? currentScore = current is null ? null : await SentimentValidationAsync(current, cancellationToken);
        var promote = currentScore is null || candidateScore.Accuracy >= currentScore.Value.Accuracy;
        var outcome = new RetrainingOutcome(
            LabelTasks.Sentiment, promote ? RetrainingDecision.Promoted : RetrainingDecision.Rejected, corrected.Count, fresh, version,
            candidate.ModelVersion, candidateScore.Accuracy, current?.ModelVersion, currentScore?.Accuracy);
        await File.AppendAllTextAsync(report.CardPath, SentimentCard(outcome, candidateScore.Rows, currentPath), cancellationToken);
        new RetrainingState(promote ? version : state.Current, lastCorrection).Write(Path.Combine(TaskDirectory(LabelTasks.Sentiment), "state.json"));
        LogDecision(_logger, LabelTasks.Sentiment, outcome.Decision, version, candidateScore.Accuracy, currentScore?.Accuracy);
        return outcome;
    }

    private async Task<SentimentTrainingReport> TrainSentimentAsync(IReadOnlyList<CorrectedText> corrected, string work, string output, CancellationToken cancellationToken)
    {
        foreach (var file in SentimentTraining.Files)
        {
            var target = Path.Combine(work, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(_options.DataRoot, file), target);
        }

        // The corrections join the weibo posts (the last corpus; short social-media text, the closest to WeChat
        // comments) in that file's own columns; src_row marks them.
        var weibo = Path.Combine(work, SentimentTraining.Files[^1]);
        var header = SplitCsvLine((await File.ReadLinesAsync(weibo, cancellationToken).FirstAsync(cancellationToken)).TrimStart('\uFEFF'));
        var rows = new StringBuilder();
        foreach (var c in corrected)
        {
            var label = c.Label switch
            {
                "positive" => "1",
                "negative" => "0",
                _ => throw new InvalidDataException($"Sentiment correction {c.CorrectionId} has the label '{c.Label}', not positive or negative."),
            };
            var fields = header.Select(column =>
                column == "label" ? label
                : column == "review" ? c.Text
                : column == "src_row" ? "correction-" + c.CorrectionId.ToString(CultureInfo.InvariantCulture)
                : string.Empty);
            rows.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        await AppendAsync(weibo, rows.ToString(), cancellationToken);
        var options = new SentimentTrainingOptions
        {
            DataRoot = work,
            OutputDirectory = output,
            Command = "the retraining duty (jobs/Retraining): the public data plus the label corrections of the message store",
        };
        return await SentimentTraining.TrainAsync(options, _segmenter, null, cancellationToken);
    }

    /// <summary>Accuracy over the validation rows of the four public corpora together (read from the data root, so without corrections).</summary>
    private async Task<(double Accuracy, int Rows)> SentimentValidationAsync(ISentimentClassifier classifier, CancellationToken cancellationToken)
    {
        long right = 0, rows = 0;
        foreach (var file in SentimentTraining.Files)
        {
            var report = await SentimentEvaluation.EvaluateAsync(classifier, _segmenter, Path.Combine(_options.DataRoot, file), EvaluationSplit.Validation, cancellationToken);
            right += (long)Math.Round(report.Accuracy * report.Rows);
            rows += report.Rows;
        }

        return (rows == 0 ? 0 : (double)right / rows, (int)rows);
    }

    private async Task<MulticlassTrainingReport> TrainEmotionAsync(IReadOnlyList<CorrectedText> corrected, string work, string output, CancellationToken cancellationToken)
    {
        foreach (var file in EmotionTraining.Files)
        {
            var target = Path.Combine(work, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(_options.DataRoot, file), target);
        }

        // The corrections join the last domain file in its own format; orig_file marks them in the card's subsets.
        var lines = new StringBuilder();
        foreach (var c in corrected)
        {
            lines.Append(JsonSerializer.Serialize(new { content = c.Text, label = c.Label, orig_file = "corrections", src_row = c.CorrectionId }, JsonLines)).Append('\n');
        }

        await AppendAsync(Path.Combine(work, EmotionTraining.Files[^1]), lines.ToString(), cancellationToken);
        return await EmotionTraining.TrainAsync(work, output, _segmenter, null, cancellationToken);
    }

    private async Task<MulticlassTrainingReport> TrainTopicAsync(IReadOnlyList<CorrectedText> corrected, string work, string output, CancellationToken cancellationToken)
    {
        var source = Path.Combine(_options.DataRoot, _options.TopicDataFile);
        var data = Path.Combine(work, Path.GetFileName(source));
        Directory.CreateDirectory(work);
        File.Copy(source, data);
        var header = SplitCsvLine((await File.ReadLinesAsync(source, cancellationToken).FirstAsync(cancellationToken)).TrimStart('\uFEFF'));
        var rows = new StringBuilder();
        foreach (var c in corrected)
        {
            // The whole message goes into the first text column; the reader joins the text columns and drops empty ones.
            var fields = header.Select(column =>
                column == _options.EffectiveTopicTextColumns[0] ? c.Text
                : column == _options.TopicLabelColumn ? c.Label
                : column == "src_row" ? "correction-" + c.CorrectionId.ToString(CultureInfo.InvariantCulture)
                : string.Empty);
            rows.AppendJoin(',', fields.Select(Quote)).Append('\n');
        }

        await AppendAsync(data, rows.ToString(), cancellationToken);
        var options = new TopicTrainingOptions
        {
            DataFile = data,
            TextColumns = [.. _options.EffectiveTopicTextColumns],
            LabelColumn = _options.TopicLabelColumn,
            OutputDirectory = output,
            UnlabeledFiles = [.. _options.EffectiveTopicUnlabeledFiles.Select(f => Path.Combine(_options.DataRoot, f))],
            TaxonomyFile = _options.TopicTaxonomyFile is { } taxonomy ? Path.Combine(_options.DataRoot, taxonomy) : null,
            Command = "the retraining duty (jobs/Retraining): the public data plus the label corrections of the message store",
        };
        return await TopicTraining.TrainAsync(options, _segmenter, null, cancellationToken);
    }

    private async Task<IReadOnlyList<LabeledText>> PublicRowsAsync(string task, CancellationToken cancellationToken)
    {
        if (task == LabelTasks.Topic)
        {
            return await LabeledCsvReader.ReadAsync(Path.Combine(_options.DataRoot, _options.TopicDataFile), [.. _options.EffectiveTopicTextColumns], _options.TopicLabelColumn, cancellationToken);
        }

        var rows = new List<LabeledText>();
        foreach (var file in EmotionTraining.Files)
        {
            rows.AddRange(await EmotionCorpusReader.ReadAsync(Path.Combine(_options.DataRoot, file), cancellationToken));
        }

        return rows;
    }

    private static async Task AppendAsync(string path, string text, CancellationToken cancellationToken)
    {
        // A file that does not end in a line break would glue our first row onto its last one.
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var separator = bytes.Length > 0 && bytes[^1] != (byte)'\n' ? "\n" : string.Empty;
        await File.AppendAllTextAsync(path, separator + text, new UTF8Encoding(false), cancellationToken);
    }

    private static string Quote(string field) => "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Splits a CSV header line (fields may be quoted).</summary>
    private static List<string> SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch != '\r')
            {
                field.Append(ch);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static string Card(RetrainingOutcome outcome, int validationRows, string currentPath, MulticlassReport candidate, MulticlassReport? current)
    {
        var c = CultureInfo.InvariantCulture;
        var card = new StringBuilder();
        card.AppendLine().AppendLine("## Retraining from corrections").AppendLine();
        card.AppendLine(c, $"- Corrections trained on: {outcome.Corrections} messages ({outcome.NewCorrections} corrections new since the last retraining); those whose text falls in the hash split's validation tenth are held out like any row.");
        card.AppendLine(c, $"- Yardstick: the public data's validation split, {validationRows} rows (no corrections), scored for both models.");
        card.AppendLine(c, $"- This candidate ({outcome.CandidateModelVersion}): macro-F1 {candidate.MacroF1:F4}, accuracy {candidate.Accuracy:F4}.");
        card.AppendLine(current is null
            ? "- Current model: none found; the candidate is promoted."
            : string.Create(c, $"- Current model ({outcome.CurrentModelVersion}, `{currentPath}`): macro-F1 {current.MacroF1:F4}, accuracy {current.Accuracy:F4}."));
        card.AppendLine(c, $"- Decision: **{outcome.Decision}** (promoted only when the macro-F1 is not lower). Older versions are kept in the folders next to this one.");
        return card.ToString();
    }

    private static string SentimentCard(RetrainingOutcome outcome, int validationRows, string currentPath)
    {
        var c = CultureInfo.InvariantCulture;
        var card = new StringBuilder();
        card.AppendLine().AppendLine("## Retraining from corrections").AppendLine();
        card.AppendLine(c, $"- Corrections trained on: {outcome.Corrections} messages ({outcome.NewCorrections} corrections new since the last retraining), appended to the weibo corpus as label 1 (positive) / 0 (negative); those whose text falls in the hash split's validation tenth are held out like any row, so the weibo figures above include them.");
        card.AppendLine(c, $"- Yardstick: accuracy on the validation rows of the four public corpora together, {validationRows} rows (no corrections), scored for both models. The outcome's score fields (CandidateMacroF1, CurrentMacroF1) carry this accuracy for sentiment.");
        card.AppendLine(c, $"- This candidate ({outcome.CandidateModelVersion}): accuracy {outcome.CandidateMacroF1:F4}.");
        card.AppendLine(outcome.CurrentMacroF1 is not { } current
            ? "- Current model: none found; the candidate is promoted."
            : string.Create(c, $"- Current model ({outcome.CurrentModelVersion}, `{currentPath}`): accuracy {current:F4}."));
        card.AppendLine(c, $"- Decision: **{outcome.Decision}** (promoted only when the accuracy is not lower). Older versions are kept in the folders next to this one.");
        return card.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining {Task} on {Corrections} corrected messages ({Fresh} new) into version {Version}")]
    private static partial void LogStart(ILogger logger, string task, int corrections, int fresh, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retraining {Task}: {Decision} version {Version} (macro-F1, accuracy for sentiment, {Candidate:F4} against {Current})")]
    private static partial void LogDecision(ILogger logger, string task, RetrainingDecision decision, string version, double candidate, double? current);
}
