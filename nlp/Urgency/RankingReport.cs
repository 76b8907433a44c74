using System.Globalization;

namespace Monitor.Nlp.Urgency;

/// <summary>
/// How well urgency scores rank labelled messages: Spearman's rho against the 0–3 labels, and the share of the top
/// 10 % by score whose label is high (≥ 2), against that share among all messages (the base rate).
/// </summary>
public sealed record RankingReport(int Rows, double Spearman, double PrecisionAtTop10, double BaseRate)
{
    public string ToText() => string.Create(
        CultureInfo.InvariantCulture,
        $"rows {Rows}  Spearman {Spearman:F4}  precision@top10% {PrecisionAtTop10:F4} (base rate of urgency ≥ 2: {BaseRate:F4})");

    public static RankingReport Build(IReadOnlyList<double> scores, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(labels);
        var n = scores.Count;
        var top = Math.Max(1, (int)Math.Round(n * 0.1));
        var ranked = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(top).ToList();
        return new RankingReport(
            n,
            Pearson(Ranks(scores), Ranks(labels.Select(l => (double)l).ToList())),
            n == 0 ? 0 : ranked.Count(i => labels[i] >= 2) / (double)top,
            n == 0 ? 0 : labels.Count(l => l >= 2) / (double)n);
    }

    /// <summary>Average ranks (ties share the mean rank).</summary>
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = (i + j) / 2.0 + 1;
            }

            i = j + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        if (x.Length < 2)
        {
            return 0;
        }

        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }
}
