namespace Monitor.Nlp.Sentiment;

/// <summary>Builds an <see cref="EvaluationReport"/> from true labels and predicted P(positive).</summary>
internal static class EvaluationReportBuilder
{
    private const int CalibrationBins = 10;

    public static EvaluationReport Build(IReadOnlyList<bool> actualPositive, IReadOnlyList<double> positiveProbability)
    {
        int pp = 0, pn = 0, np = 0, nn = 0;
        var binCount = new int[CalibrationBins];
        var binPredicted = new double[CalibrationBins];
        var binObserved = new int[CalibrationBins];
        for (var i = 0; i < actualPositive.Count; i++)
        {
            var p = positiveProbability[i];
            var predictedPositive = p >= 0.5;
            switch (actualPositive[i], predictedPositive)
            {
                case (true, true): pp++; break;
                case (true, false): pn++; break;
                case (false, true): np++; break;
                default: nn++; break;
            }

            var bin = Math.Clamp((int)(p * CalibrationBins), 0, CalibrationBins - 1);
            binCount[bin]++;
            binPredicted[bin] += p;
            binObserved[bin] += actualPositive[i] ? 1 : 0;
        }

        var total = actualPositive.Count;
        var positive = Metrics(SentimentPrediction.Positive, tp: pp, fp: np, fn: pn);
        var negative = Metrics(SentimentPrediction.Negative, tp: nn, fp: pn, fn: np);
        var calibration = Enumerable.Range(0, CalibrationBins)
            .Select(b => new CalibrationBin(
                (double)b / CalibrationBins,
                (double)(b + 1) / CalibrationBins,
                binCount[b],
                binCount[b] == 0 ? double.NaN : binPredicted[b] / binCount[b],
                binCount[b] == 0 ? double.NaN : (double)binObserved[b] / binCount[b]))
            .ToList();
        return new EvaluationReport(
            total,
            total == 0 ? 0 : (double)(pp + nn) / total,
            (positive.F1 + negative.F1) / 2,
            [positive, negative],
            new BinaryConfusionMatrix(pp, pn, np, nn),
            calibration);
    }

    private static ClassMetrics Metrics(string label, int tp, int fp, int fn)
    {
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return new ClassMetrics(label, precision, recall, f1, tp + fn);
    }
}
