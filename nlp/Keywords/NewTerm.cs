namespace Monitor.Nlp.Keywords;

/// <summary>A word over-represented in a window against its baseline: G² and the counts it comes from.</summary>
public sealed record NewTerm(string Word, double LogLikelihood, long WindowCount, long WindowTotal, long BaselineCount, long BaselineTotal)
{
    /// <summary>Relative frequency in the window over that in the baseline (add-one smoothed in the baseline).</summary>
    public double Ratio => (double)WindowCount / WindowTotal / ((BaselineCount + 1.0) / (BaselineTotal + 1.0));
}
