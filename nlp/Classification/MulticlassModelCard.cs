using System.Globalization;
using System.Text;

namespace Monitor.Nlp.Classification;

/// <summary>Writes the <c>CARD.md</c> that goes beside a trained multiclass model.</summary>
internal static class MulticlassModelCard
{
    public static string Write(MulticlassTrainingReport report, MulticlassTrainingOptions options, string dictionaryVersion)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"# {options.Name} model card");
        sb.AppendLine();
        sb.AppendLine(c, $"- Model: `model.zip`, version `{report.ModelVersion}`, {report.ModelBytes:N0} bytes");
        sb.AppendLine(c, $"- Trained: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {report.Elapsed.TotalSeconds:F0} s on this machine (MLContext seed {options.Seed})");
        sb.AppendLine(c, $"- Rebuild: `{options.Command}`");
        sb.AppendLine(c, $"- Data: {options.DataDescription}");
        sb.AppendLine(c, $"- Labels: {string.Join(", ", report.Validation.Labels.Select(l => $"`{l}`"))}; output = the most probable label and its probability");
        sb.AppendLine(c, $"- Segmenter: the one the pipeline is configured with (`Nlp` options: engine, county dictionary), dictionary `{dictionaryVersion}`, exact mode with HMM");
        sb.AppendLine(c, $"- Features: {report.Features}");
        sb.AppendLine(c, $"- Trainer: {report.Setting}; {report.PseudoLabeledRows:N0} pseudo-labelled unlabelled texts, {options.Seeds.Count:N0} keyword seed documents");
        if (report.ClassOffsets is { } offsets)
        {
            sb.AppendLine(c, $"- Class offsets: {offsets}");
        }

        if (report.Calibration is { } calibration)
        {
            sb.AppendLine(c, $"- Calibration: {calibration}");
        }

        var selection = report.Selection ?? string.Create(c, $"settings chosen on the tuning tenth (mod 10 == 1, {report.TuningRows:N0} rows) with a model fitted without it, then refitted on all " +
            $"{report.TrainRows:N0} non-validation rows");
        sb.AppendLine(c, $"- Split: validation = FNV-1a-64(UTF-8 text) mod 10 == 0 (`DatasetSplit.IsValidation`, never trained or tuned on); {selection}. The hidden test split of `shared/data` was not used.");
        sb.AppendLine();
        sb.AppendLine(report.Selection is null ? "## Settings tried (macro-F1 on the tuning rows)" : "## Settings tried (macro-F1, 9-fold cross-validation over the non-validation rows)");
        sb.AppendLine();
        sb.AppendLine("| setting | tuning macro-F1 | fit time |");
        sb.AppendLine("| --- | ---: | ---: |");
        foreach (var candidate in report.Candidates)
        {
            sb.AppendLine(c, $"| {candidate.Setting} | {candidate.TuningMacroF1:F4} | {candidate.FitTime.TotalSeconds:F1} s |");
        }

        sb.AppendLine();
        sb.AppendLine("## Validation results");
        sb.AppendLine();
        sb.AppendLine("| part | train rows | validation rows | accuracy | macro-F1 | calibration error |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in report.Subsets)
        {
            sb.AppendLine(c, $"| {s.Name} | {s.TrainRows:N0} | {s.Validation.Rows:N0} | {s.Validation.Accuracy:F4} | {s.Validation.MacroF1:F4} | {s.Validation.CalibrationError:F4} |");
        }

        var v = report.Validation;
        sb.AppendLine(c, $"| **all** | {report.TrainRows:N0} | {v.Rows:N0} | {v.Accuracy:F4} | {v.MacroF1:F4} | {v.CalibrationError:F4} |");
        if (report.CrossValidation is { } cv)
        {
            sb.AppendLine();
            var caveat = report.Selection is null ? "." : ", but nine of its ten folds also chose the setting, so it is slightly optimistic; the validation tenth is untouched.";
            sb.AppendLine(c, $"10-fold cross-validation over all {cv.Rows:N0} labelled rows (each tenth scored by a model trained without it, same setting): " +
                $"accuracy {cv.Accuracy:F4}, macro-F1 {cv.MacroF1:F4}. The validation tenth alone is small; this is the steadier estimate{caveat}");
            AppendClasses(sb, "Per-class results (cross-validation)", cv);
        }

        AppendClasses(sb, "Per-class results (validation rows)", v);
        foreach (var s in report.Subsets.Where(_ => report.Subsets.Count > 1))
        {
            AppendClasses(sb, $"Per-class results ({s.Name} validation rows)", s.Validation);
        }

        sb.AppendLine();
        sb.AppendLine("## Confusion (validation rows; rows = true label, columns = predicted)");
        sb.AppendLine();
        sb.AppendLine("| | " + string.Join(" | ", v.Labels) + " |");
        sb.AppendLine("| --- |" + string.Concat(v.Labels.Select(_ => " ---: |")));
        for (var i = 0; i < v.Labels.Count; i++)
        {
            sb.AppendLine(c, $"| {v.Labels[i]} | {string.Join(" | ", v.Confusion[i])} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Calibration (validation rows, 10 bins of the top probability)");
        sb.AppendLine();
        sb.AppendLine("| bin | rows | mean predicted | observed accuracy |");
        sb.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var bin in v.Calibration.Where(b => b.Count > 0))
        {
            sb.AppendLine(c, $"| [{bin.Lower:F1}, {bin.Upper:F1}) | {bin.Count:N0} | {bin.MeanPredicted:F3} | {bin.ObservedPositive:F3} |");
        }

        return sb.ToString();
    }

    private static void AppendClasses(StringBuilder sb, string title, MulticlassReport report)
    {
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine(c, $"## {title}");
        sb.AppendLine();
        sb.AppendLine("| label | precision | recall | F1 | support |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var m in report.Classes)
        {
            sb.AppendLine(c, $"| {m.Label} | {m.Precision:F4} | {m.Recall:F4} | {m.F1:F4} | {m.Support:N0} |");
        }
    }
}
