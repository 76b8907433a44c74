namespace Monitor.Index.Queries;

/// <summary>Dunning's log-likelihood ratio (G²) for terms that rose from a baseline to a window.</summary>
internal static class LogLikelihood
{
    /// <summary>A term must occur this often in the window to be called hot; rarer rises are noise.</summary>
    public const long MinimumCount = 3;

    public static IReadOnlyList<HotTerm> Rank(
        IReadOnlyDictionary<string, long> window, IReadOnlyDictionary<string, long> baseline, int top)
    {
        double windowTotal = window.Values.Sum();
        double baselineTotal = baseline.Values.Sum();
        if (windowTotal == 0)
        {
            return [];
        }

        var hot = new List<HotTerm>();
        foreach (var (term, a) in window)
        {
            var b = baseline.GetValueOrDefault(term);
            // Only terms whose share rose: a term as common as before is not news.
            if (a < MinimumCount || (baselineTotal > 0 && a / windowTotal <= b / baselineTotal))
            {
                continue;
            }

            hot.Add(new HotTerm(term, a, b, G2(a, b, windowTotal, baselineTotal)));
        }

        return [.. hot.OrderByDescending(h => h.LogLikelihood).ThenBy(h => h.Term, StringComparer.Ordinal).Take(top)];
    }

    private static double G2(double a, double b, double windowTotal, double baselineTotal)
    {
        var total = windowTotal + baselineTotal;
        var expectedWindow = windowTotal * (a + b) / total;
        var expectedBaseline = baselineTotal * (a + b) / total;
        return 2 * (Term(a, expectedWindow) + Term(b, expectedBaseline));
    }

    private static double Term(double observed, double expected) => observed == 0 ? 0 : observed * Math.Log(observed / expected);
}
