namespace Monitor.Nlp.Keywords;

/// <summary>
/// "What is new": words whose share of the tokens in a time window is higher than in a baseline window, ranked by
/// Dunning's log-likelihood ratio G² = 2 Σ O ln(O / E) over the 2×2 table (word / other words × window / baseline).
/// G² ≥ 3.84 is significant at p &lt; 0.05, ≥ 10.83 at p &lt; 0.001 (χ², 1 degree of freedom).
/// </summary>
public static class NewTermsScorer
{
    /// <summary>
    /// The <paramref name="top"/> words of <paramref name="window"/> over-represented against <paramref name="baseline"/>,
    /// counted at least <paramref name="minCount"/> times in the window and with G² ≥ <paramref name="minLogLikelihood"/>.
    /// </summary>
    public static IReadOnlyList<NewTerm> Score(
        TermCounts window, TermCounts baseline, int top = 20, long minCount = 3, double minLogLikelihood = 10.83, Func<string, bool>? isCandidate = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(baseline);
        var terms = new List<NewTerm>();
        var c = window.Total;
        var d = baseline.Total;
        if (c == 0)
        {
            return terms;
        }

        foreach (var (word, a) in window.Counts)
        {
            if (a < minCount || (isCandidate is not null && !isCandidate(word)))
            {
                continue;
            }

            var b = baseline[word];
            if (d > 0 && (double)a / c <= (double)b / d)
            {
                continue;
            }

            var g2 = LogLikelihood(a, b, c, d);
            if (g2 >= minLogLikelihood)
            {
                terms.Add(new NewTerm(word, g2, a, c, b, d));
            }
        }

        return [.. terms.OrderByDescending(t => t.LogLikelihood).ThenBy(t => t.Word, StringComparer.Ordinal).Take(top)];
    }

    /// <summary>G² for a word counted <paramref name="a"/> of <paramref name="c"/> times in the window, <paramref name="b"/> of <paramref name="d"/> in the baseline.</summary>
    public static double LogLikelihood(long a, long b, long c, long d)
    {
        var n = (double)(c + d);
        var expectedA = c * (a + b) / n;
        var expectedB = d * (a + b) / n;
        var expectedOtherA = c * (c - a + d - b) / n;
        var expectedOtherB = d * (c - a + d - b) / n;
        return 2 * (Term(a, expectedA) + Term(b, expectedB) + Term(c - a, expectedOtherA) + Term(d - b, expectedOtherB));
    }

    private static double Term(double observed, double expected) => observed > 0 ? observed * Math.Log(observed / expected) : 0;
}
