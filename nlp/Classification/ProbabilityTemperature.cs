namespace Monitor.Nlp.Classification;

/// <summary>
/// One number that makes a linear model's probabilities honest: the factor s its scores are multiplied by, chosen to
/// minimise the log-loss of held-out predictions (temperature scaling, T = 1/s). L2 regularisation and class weights
/// leave our models under- or over-confident (the gov topic model said 0.36 where it was right 80 % of the time), and the
/// urgency and service rules read these probabilities against fixed thresholds. For a softmax, multiplying every score
/// by s never changes which class is largest, so accuracy and macro-F1 stay as they are.
/// <para>
/// The factor is stored as <see cref="HashedFeatureSpace.OutputScale"/> (the feature blocks' length, which multiplies
/// w·x) and, for a softmax, by multiplying the biases too; a binary model keeps its bias, so s only sharpens or softens
/// around it.
/// </para>
/// </summary>
internal static class ProbabilityTemperature
{
    /// <summary>The factors searched, on a log scale: a model 10× too sure or too unsure is beyond repair by one number.</summary>
    private const double Smallest = 0.1;
    private const double Largest = 10;

    /// <summary>
    /// The factor s minimising −Σ log softmax(s·z)[true] over held-out rows, where z are the rows' log-probabilities
    /// (any per-row constant cancels in the softmax, so log p serves as the scores). Rows whose true class the model
    /// does not know (−1) are skipped. The loss is convex in s; golden-section search on log s finds its minimum.
    /// </summary>
    public static double FitSoftmax(IReadOnlyList<int> truth, IReadOnlyList<double[]> logProbabilities)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(logProbabilities);
        var rows = Enumerable.Range(0, truth.Count).Where(i => truth[i] >= 0).ToArray();
        if (rows.Length == 0)
        {
            return 1;
        }

        return Minimise(s =>
        {
            double loss = 0;
            foreach (var i in rows)
            {
                var z = logProbabilities[i];
                var max = double.NegativeInfinity;
                foreach (var v in z)
                {
                    max = Math.Max(max, s * v);
                }

                double sum = 0;
                foreach (var v in z)
                {
                    sum += Math.Exp((s * v) - max);
                }

                loss += max + Math.Log(sum) - (s * z[truth[i]]);
            }

            return loss;
        });
    }

    /// <summary>
    /// The factor s minimising the log-loss of σ(s·margin + bias) against <paramref name="positive"/>, where margin = w·x
    /// is a row's score without the model's <paramref name="bias"/>.
    /// </summary>
    public static double FitSigmoid(IReadOnlyList<bool> positive, IReadOnlyList<double> margins, double bias)
    {
        ArgumentNullException.ThrowIfNull(positive);
        ArgumentNullException.ThrowIfNull(margins);
        if (positive.Count == 0)
        {
            return 1;
        }

        return Minimise(s =>
        {
            double loss = 0;
            for (var i = 0; i < positive.Count; i++)
            {
                // −log σ(y·t) = log(1 + e^(−y·t)), computed without overflow for large |t|.
                var t = (positive[i] ? 1 : -1) * ((s * margins[i]) + bias);
                loss += t > 0 ? Math.Log(1 + Math.Exp(-t)) : -t + Math.Log(1 + Math.Exp(t));
            }

            return loss;
        });
    }

    /// <summary>Golden-section search for the minimum of a convex <paramref name="loss"/> over log s in [log 0.1, log 10].</summary>
    private static double Minimise(Func<double, double> loss)
    {
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = Math.Log(Smallest), b = Math.Log(Largest);
        var c = b - (ratio * (b - a));
        var d = a + (ratio * (b - a));
        double fc = loss(Math.Exp(c)), fd = loss(Math.Exp(d));
        for (var i = 0; i < 60 && b - a > 1e-4; i++)
        {
            if (fc <= fd)
            {
                (b, d, fd) = (d, c, fc);
                c = b - (ratio * (b - a));
                fc = loss(Math.Exp(c));
            }
            else
            {
                (a, c, fc) = (c, d, fd);
                d = a + (ratio * (b - a));
                fd = loss(Math.Exp(d));
            }
        }

        return Math.Exp((a + b) / 2);
    }
}
