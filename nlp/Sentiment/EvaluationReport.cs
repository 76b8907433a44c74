using System.Globalization;
using System.Text;

namespace Monitor.Nlp.Sentiment;

/// <summary>Accuracy, macro-F1, per-class metrics, confusion matrix and a 10-bin calibration table of one evaluation.</summary>
public sealed record EvaluationReport(
    int Rows,
    double Accuracy,
    double MacroF1,
    IReadOnlyList<ClassMetrics> Classes,
    BinaryConfusionMatrix Confusion,
    IReadOnlyList<CalibrationBin> Calibration)
{
    /// <summary>
    /// Expected calibration error of P(positive): over the ten bins, the row-weighted mean of |observed share positive −
    /// mean predicted P(positive)|. 0 means that among texts given P = 0.7, 70 % are positive.
    /// </summary>
    public double CalibrationError => Rows == 0
        ? 0
        : Calibration.Where(b => b.Count > 0).Sum(b => b.Count * Math.Abs(b.ObservedPositive - b.MeanPredicted)) / Rows;

    /// <summary>A plain-text table for the console.</summary>
    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(c, $"rows {Rows}  accuracy {Accuracy:F4}  macro-F1 {MacroF1:F4}  calibration error (ECE) {CalibrationError:F4}");
        sb.AppendLine("label       precision  recall     f1    support");
        foreach (var m in Classes)
        {
            sb.AppendLine(c, $"{m.Label,-10} {m.Precision,9:F4} {m.Recall,7:F4} {m.F1,6:F4} {m.Support,10}");
        }

        sb.AppendLine("confusion (rows = true, columns = predicted)");
        sb.AppendLine(c, $"{string.Empty,-10} {SentimentPrediction.Positive,9} {SentimentPrediction.Negative,9}");
        sb.AppendLine(c, $"{SentimentPrediction.Positive,-10} {Confusion.PositivePredictedPositive,9} {Confusion.PositivePredictedNegative,9}");
        sb.AppendLine(c, $"{SentimentPrediction.Negative,-10} {Confusion.NegativePredictedPositive,9} {Confusion.NegativePredictedNegative,9}");
        sb.AppendLine("calibration (bins of P(positive))");
        sb.AppendLine("bin           rows  mean predicted  observed positive");
        foreach (var b in Calibration.Where(b => b.Count > 0))
        {
            sb.AppendLine(c, $"[{b.Lower:F1}, {b.Upper:F1}) {b.Count,7} {b.MeanPredicted,15:F3} {b.ObservedPositive,18:F3}");
        }

        return sb.ToString();
    }
}
