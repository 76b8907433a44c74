namespace Monitor.Jobs.Alerts;

/// <summary>The counts of the same hour on the same weekday in the previous weeks: their mean and (population) standard deviation.</summary>
public sealed record AlertBaseline(double Mean, double StandardDeviation, int Weeks)
{
    public static AlertBaseline From(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            return new AlertBaseline(0, 0, 0);
        }

        var mean = counts.Average(c => (double)c);
        var variance = counts.Sum(c => (c - mean) * (c - mean)) / counts.Count;
        return new AlertBaseline(mean, Math.Sqrt(variance), counts.Count);
    }

    /// <summary>max(minimum, mean + k·σ).</summary>
    public double Threshold(double factor, int minimum) => Math.Max(minimum, Mean + (factor * StandardDeviation));
}
