using System.Globalization;
using System.Text;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Accuracy, macro-F1 (over labels that are true or predicted at least once), per-class metrics, the confusion matrix
/// (<c>Confusion[true][predicted]</c> in the order of <paramref name="Labels"/>) and the expected calibration error of
/// the top probability over 10 bins.
/// </summary>
public sealed record MulticlassReport(
    int Rows,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ClassMetrics> Classes,
    IReadOnlyList<IReadOnlyList<int>> Confusion,
    double CalibrationError,
    IReadOnlyList<CalibrationBin> Calibration)
{
    /// <summary>A plain-text report for the console.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"rows {Rows}  accuracy {Accuracy:F4}  macro-F1 {MacroF1:F4}  calibration error (ECE) {CalibrationError:F4}");
        sb.AppendLine("label            precision  recall     f1    support");
        foreach (var m in Classes)
        {
            sb.AppendLine(c, $"{Pad(m.Label, 16)} {m.Precision,9:F4} {m.Recall,7:F4} {m.F1,6:F4} {m.Support,10}");
        }

        sb.AppendLine("confusion (rows = true, columns = predicted, in the order above)");
        for (var i = 0; i < Labels.Count; i++)
        {
            sb.Append(Pad(Labels[i], 16));
            foreach (var n in Confusion[i])
            {
                sb.Append(c, $" {n,6}");
            }

            sb.AppendLine();
        }

        sb.AppendLine("calibration (top probability bin: rows, mean predicted, observed accuracy)");
        foreach (var bin in Calibration.Where(b => b.Count > 0))
        {
            sb.AppendLine(c, $"[{bin.Lower:F1}, {bin.Upper:F1})  {bin.Count,6}  {bin.MeanPredicted:F3}  {bin.ObservedPositive:F3}");
        }

        return sb.ToString();
    }

    /// <summary>Pads to a display width, counting a CJK character as two columns.</summary>
    private static string Pad(string text, int width)
    {
        var columns = text.Sum(ch => ch > 0x2E80 ? 2 : 1);
        return columns >= width ? text : text + new string(' ', width - columns);
    }
}
