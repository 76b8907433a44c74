using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Tests.Classification;

/// <summary>
/// The temperature is recovered from held-out predictions whose true confidence is known: labels are drawn from
/// softmax(z) (or σ(m + b)) and the "model" reports a sharpened or softened version of z.
/// </summary>
public sealed class ProbabilityTemperatureTests
{
    [Theory]
    [InlineData(3.0)]   // a model three times too sure of itself: the factor is about 1/3
    [InlineData(0.5)]   // a model half as sure as it should be: about 2
    [InlineData(1.0)]   // an honest model keeps its probabilities
    public void ASoftmaxModelThatIsTooSureOrTooUnsureGetsTheFactorThatUndoesIt(double sharpening)
    {
        var random = new Random(7);
        var truth = new List<int>();
        var logs = new List<double[]>();
        for (var i = 0; i < 6000; i++)
        {
            var z = Enumerable.Range(0, 4).Select(_ => Normal(random) * 1.5).ToArray();
            truth.Add(Sample(random, Softmax(z)));
            logs.Add([.. Softmax([.. z.Select(v => v * sharpening)]).Select(p => Math.Log(p))]);
        }

        var factor = ProbabilityTemperature.FitSoftmax(truth, logs);

        Assert.InRange(factor * sharpening, 0.9, 1.1);
    }

    [Fact]
    public void ASigmoidModelKeepsItsBiasAndGetsTheFactorOnItsMargin()
    {
        var random = new Random(11);
        const double bias = 0.4;
        var positive = new List<bool>();
        var margins = new List<double>();
        for (var i = 0; i < 6000; i++)
        {
            var m = Normal(random) * 2;
            positive.Add(random.NextDouble() < 1 / (1 + Math.Exp(-(m + bias))));
            margins.Add(m * 4);
        }

        var factor = ProbabilityTemperature.FitSigmoid(positive, margins, bias);

        Assert.InRange(factor * 4, 0.9, 1.1);
    }

    [Fact]
    public void RowsOfAnUnknownClassAreSkippedAndNoRowsMeanNoChange()
    {
        double[][] logs = [[Math.Log(0.9), Math.Log(0.1)], [Math.Log(0.2), Math.Log(0.8)]];

        Assert.Equal(1, ProbabilityTemperature.FitSoftmax([-1, -1], logs));
        Assert.Equal(1, ProbabilityTemperature.FitSigmoid([], [], 0));

        // With the unknown row skipped, two confidently right rows push the factor up, to the search's upper end.
        Assert.True(ProbabilityTemperature.FitSoftmax([0, -1], logs) > 5);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double[] Softmax(double[] z)
    {
        var max = z.Max();
        var e = z.Select(v => Math.Exp(v - max)).ToArray();
        var sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    private static int Sample(Random random, double[] p)
    {
        var u = random.NextDouble();
        for (var c = 0; c < p.Length; c++)
        {
            u -= p[c];
            if (u < 0)
            {
                return c;
            }
        }

        return p.Length - 1;
    }
}
