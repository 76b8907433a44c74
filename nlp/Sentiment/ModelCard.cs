using System.Globalization;
using System.Text;

namespace Monitor.Nlp.Sentiment;

/// <summary>Writes the <c>CARD.md</c> that goes beside a trained sentiment model.</summary>
internal static class ModelCard
{
    public static string Write(SentimentTrainingReport report, SentimentTrainingOptions options, string dictionaryVersion)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("# Sentiment model card");
        sb.AppendLine();
        sb.AppendLine(c, $"- Model: `model.zip` + `features.bin`, version `{report.ModelVersion}`, {report.ModelBytes:N0} bytes together");
        sb.AppendLine(c, $"- Trained: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC in {report.Elapsed.TotalSeconds:F0} s (MLContext seed {options.Seed})");
        sb.AppendLine(c, $"- Rebuild: `{options.Command}`");
        sb.AppendLine(c, $"- Task: binary sentiment; output P(positive), label `positive` iff P ≥ 0.5");
        sb.AppendLine(c, $"- Segmenter: the pipeline's segmenter (NlpOptions defaults: fast engine + county dictionary), dictionary `{dictionaryVersion}`, exact mode with HMM; scoring gets the same tokens from the pipeline");
        sb.AppendLine(c, $"- Features: {report.Features}");
        sb.AppendLine(c, $"- Trainer: {report.Trainer} (kept for the best mean per-corpus tuning accuracy among the candidates below; its probabilities are logistic, see the calibration table)");
        if (report.Calibration is { } calibration)
        {
            sb.AppendLine(c, $"- Calibration: {calibration}");
        }

        sb.AppendLine("- Split: a row is validation iff FNV-1a-64(UTF-8 review) mod 10 == 0 (`DatasetSplit.IsValidation`); identical texts always fall on the same side. "
            + "Settings were chosen on the tuning tenth (mod 10 == 1) with models fitted on the other eight tenths, then refitted on all non-validation rows; "
            + "validation rows were never trained or tuned on. The hidden test split of `shared/data` was not used.");
        sb.AppendLine();
        sb.AppendLine("## Data");
        sb.AppendLine();
        sb.AppendLine("| corpus | file | train rows | validation rows |");
        sb.AppendLine("| --- | --- | ---: | ---: |");
        foreach (var corpus in report.Corpora)
        {
            sb.AppendLine(c, $"| {corpus.Name} | `{corpus.File}` | {corpus.TrainRows:N0} | {corpus.ValidationRows:N0} |");
        }

        sb.AppendLine(c, $"| **all** | | {report.Corpora.Sum(x => x.TrainRows):N0} | {report.Corpora.Sum(x => x.ValidationRows):N0} |");
        sb.AppendLine();
        sb.AppendLine("## Settings tried (mean of the four corpora's accuracies on the tuning tenth)");
        sb.AppendLine();
        sb.AppendLine("| trainer | accuracy | fit time |");
        sb.AppendLine("| --- | ---: | ---: |");
        foreach (var candidate in report.Candidates)
        {
            sb.AppendLine(c, $"| {candidate.Trainer} | {candidate.ValidationAccuracy:F4} | {candidate.FitTime.TotalSeconds:F1} s |");
        }

        sb.AppendLine();
        sb.AppendLine("## Validation results per corpus");
        sb.AppendLine();
        sb.AppendLine("| corpus | rows | accuracy | macro-F1 | positive P / R / F1 | negative P / R / F1 |");
        sb.AppendLine("| --- | ---: | ---: | ---: | --- | --- |");
        foreach (var (name, r) in report.Corpora.Select(x => (x.Name, x.Validation)).Append(("**all**", report.Overall)))
        {
            var p = r.Classes[0];
            var n = r.Classes[1];
            sb.AppendLine(c, $"| {name} | {r.Rows:N0} | {r.Accuracy:F4} | {r.MacroF1:F4} | {p.Precision:F3} / {p.Recall:F3} / {p.F1:F3} | {n.Precision:F3} / {n.Recall:F3} / {n.F1:F3} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Per-class results (all validation rows)");
        sb.AppendLine();
        sb.AppendLine("| label | precision | recall | F1 | support |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var m in report.Overall.Classes)
        {
            sb.AppendLine(c, $"| {m.Label} | {m.Precision:F4} | {m.Recall:F4} | {m.F1:F4} | {m.Support:N0} |");
        }

        var cm = report.Overall.Confusion;
        sb.AppendLine();
        sb.AppendLine("Confusion (rows = true label, columns = predicted):");
        sb.AppendLine();
        sb.AppendLine("| | predicted positive | predicted negative |");
        sb.AppendLine("| --- | ---: | ---: |");
        sb.AppendLine(c, $"| positive | {cm.PositivePredictedPositive:N0} | {cm.PositivePredictedNegative:N0} |");
        sb.AppendLine(c, $"| negative | {cm.NegativePredictedPositive:N0} | {cm.NegativePredictedNegative:N0} |");
        sb.AppendLine();
        sb.AppendLine("## Calibration (all validation rows, 10 bins of P(positive))");
        sb.AppendLine();
        sb.AppendLine("| bin | rows | mean predicted | observed positive |");
        sb.AppendLine("| --- | ---: | ---: | ---: |");
        foreach (var bin in report.Overall.Calibration)
        {
            var mean = bin.Count == 0 ? "–" : bin.MeanPredicted.ToString("F3", c);
            var observed = bin.Count == 0 ? "–" : bin.ObservedPositive.ToString("F3", c);
            sb.AppendLine(c, $"| [{bin.Lower:F1}, {bin.Upper:F1}) | {bin.Count:N0} | {mean} | {observed} |");
        }

        sb.AppendLine();
        sb.AppendLine("## Limits");
        sb.AppendLine();
        sb.AppendLine("- Trained on reviews (hotel, food delivery, e-commerce) and a small Weibo subset, not on government-account messages: "
            + "expect lower accuracy on complaints and policy questions, where negative wording is often neutral in intent.");
        sb.AppendLine("- Weibo is a 2,400-row subset of weibo_senti_100k (see its README) with 186 validation rows: its score is the least reliable.");
        sb.AppendLine("- Validation sets are small (hotel 622 rows: about ±2.5 points at 95 %); differences below a point between trainers or feature variants are noise.");
        return sb.ToString();
    }
}
