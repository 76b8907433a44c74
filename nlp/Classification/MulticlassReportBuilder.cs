using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>Builds a <see cref="MulticlassReport"/> from true labels and predictions.</summary>
public static class MulticlassReportBuilder
{
    private const int CalibrationBins = 10;

    public static MulticlassReport Build(IReadOnlyList<string> actual, IReadOnlyList<ClassPrediction> predicted, IReadOnlyList<string> modelLabels)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(modelLabels);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"{actual.Count} labels but {predicted.Count} predictions.", nameof(predicted));
        }

        var labels = modelLabels.Concat(actual.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        var confusion = labels.Select(_ => new int[labels.Count]).ToArray();
        var binCount = new int[CalibrationBins];
        var binPredicted = new double[CalibrationBins];
        var binCorrect = new int[CalibrationBins];
        var correct = 0;
        for (var i = 0; i < actual.Count; i++)
        {
            var hit = actual[i] == predicted[i].Label;
            correct += hit ? 1 : 0;
            confusion[index[actual[i]]][index[predicted[i].Label]]++;
            var p = predicted[i].Score;
            var bin = Math.Clamp((int)(p * CalibrationBins), 0, CalibrationBins - 1);
            binCount[bin]++;
            binPredicted[bin] += p;
            binCorrect[bin] += hit ? 1 : 0;
        }

        var classes = new List<ClassMetrics>();
        for (var k = 0; k < labels.Count; k++)
        {
            var tp = confusion[k][k];
            var support = confusion[k].Sum();
            var predictedCount = confusion.Sum(row => row[k]);
            var precision = predictedCount == 0 ? 0 : (double)tp / predictedCount;
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (support > 0 || predictedCount > 0)
            {
                classes.Add(new ClassMetrics(labels[k], precision, recall, f1, support));
            }
        }

        var calibration = Enumerable.Range(0, CalibrationBins)
            .Select(b => new CalibrationBin(
                (double)b / CalibrationBins,
                (double)(b + 1) / CalibrationBins,
                binCount[b],
                binCount[b] == 0 ? double.NaN : binPredicted[b] / binCount[b],
                binCount[b] == 0 ? double.NaN : (double)binCorrect[b] / binCount[b]))
            .ToList();
        var total = actual.Count;
        var ece = total == 0 ? 0 : calibration.Where(b => b.Count > 0)
            .Sum(b => (double)b.Count / total * Math.Abs(b.MeanPredicted - b.ObservedPositive));
        return new MulticlassReport(
            total,
            total == 0 ? 0 : (double)correct / total,
            classes.Count == 0 ? 0 : classes.Average(m => m.F1),
            labels,
            classes,
            confusion,
            ece,
            calibration);
    }
}
