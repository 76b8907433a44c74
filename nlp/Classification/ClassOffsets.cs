using Microsoft.ML.Trainers;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Per-class offsets added to a maximum-entropy model's log-odds (its biases), chosen on held-out predictions to
/// maximise macro-F1. Class weights balance the training loss, but the argmax of a softmax still under-predicts the
/// rare, hard classes (surprise and fear in emotion: recall 0.15 and 0.47 before); macro-F1 counts them as much as the
/// others. The offsets go into the model's own biases, so ML.NET, the fast path and the joint scorer all apply them
/// with no extra file.
/// </summary>
internal static class ClassOffsets
{
    /// <summary>Offsets tried for one class, in log-probability units.</summary>
    private static readonly double[] Grid = [.. Enumerable.Range(-10, 26).Select(i => i * 0.1)];

    private const int Rounds = 3;

    /// <summary>
    /// How much the cross-chosen offsets must raise macro-F1 to be kept: on emotion a gain of 0.0005 on the tuning rows
    /// came with a loss of 0.0065 on the validation rows, so small gains are noise.
    /// </summary>
    public const double RequiredGain = 0.005;

    /// <summary>
    /// Coordinate ascent over the classes (<paramref name="labels"/> order): each class's offset is set to the grid
    /// value that maximises macro-F1 of argmax(log p + offset) on the held-out <paramref name="predicted"/> rows,
    /// keeping the smaller offset on ties, for a few rounds.
    /// </summary>
    public static double[] Choose(IReadOnlyList<string> actual, IReadOnlyList<ClassPrediction> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        return Choose(Truth(actual, labels), Logs(predicted), labels.Count);
    }

    /// <summary>
    /// Whether offsets generalise on these rows: for each group, offsets chosen on the other groups' rows decide its
    /// rows; returns the pooled macro-F1 without offsets and with those cross-chosen offsets. Offsets are kept only
    /// when the second beats the first by <see cref="RequiredGain"/>, so a model whose argmax is already balanced keeps its biases.
    /// </summary>
    public static (double Without, double CrossChosen) CrossCheck(
        IReadOnlyList<string> actual, IReadOnlyList<ClassPrediction> predicted, IReadOnlyList<string> labels, IReadOnlyList<int> groups)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(groups);
        var k = labels.Count;
        var truth = Truth(actual, labels);
        var logs = Logs(predicted);
        var without = MacroF1(truth, logs, new double[k], k);
        var shifted = new double[logs.Length][];
        foreach (var g in groups.Distinct())
        {
            var others = Enumerable.Range(0, logs.Length).Where(i => groups[i] != g).ToArray();
            var offsets = Choose([.. others.Select(i => truth[i])], [.. others.Select(i => logs[i])], k);
            for (var i = 0; i < logs.Length; i++)
            {
                if (groups[i] == g)
                {
                    shifted[i] = [.. logs[i].Select((v, c) => v + offsets[c])];
                }
            }
        }

        return (without, MacroF1(truth, shifted, new double[k], k));
    }

    /// <summary>Macro-F1 of argmax(log p + offset) on these rows.</summary>
    public static double MacroF1(IReadOnlyList<string> actual, IReadOnlyList<ClassPrediction> predicted, IReadOnlyList<string> labels, IReadOnlyList<double> offsets) =>
        MacroF1(Truth(actual, labels), Logs(predicted), [.. offsets], labels.Count);

    private static int[] Truth(IReadOnlyList<string> actual, IReadOnlyList<string> labels)
    {
        var index = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal);
        return [.. actual.Select(a => index.GetValueOrDefault(a, -1))];
    }

    private static double[][] Logs(IReadOnlyList<ClassPrediction> predicted) =>
        [.. predicted.Select(p => p.Probabilities.Select(v => Math.Log(Math.Max(v, 1e-12))).ToArray())];

    private static double[] Choose(int[] truth, double[][] logs, int k)
    {
        var offsets = new double[k];
        var best = MacroF1(truth, logs, offsets, k);
        for (var round = 0; round < Rounds; round++)
        {
            var changed = false;
            for (var c = 0; c < k; c++)
            {
                var keep = offsets[c];
                foreach (var value in Grid.OrderBy(Math.Abs))
                {
                    offsets[c] = value;
                    var f1 = MacroF1(truth, logs, offsets, k);
                    if (f1 > best + 1e-9)
                    {
                        (best, keep, changed) = (f1, value, true);
                    }
                }

                offsets[c] = keep;
            }

            if (!changed)
            {
                break;
            }
        }

        return offsets;
    }

    /// <summary>
    /// Adds each label's offset to the bias of <paramref name="model"/>, whose classes are <paramref name="labels"/> in its
    /// own order (every fitted model numbers the labels in the order it met them); false when ML.NET does not expose the
    /// biases as an array.
    /// </summary>
    public static bool Apply(MaximumEntropyModelParameters model, IReadOnlyList<string> labels, IReadOnlyDictionary<string, double> offsets)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(offsets);
        if (model.GetBiases() is not float[] biases || biases.Length != labels.Count)
        {
            return false;
        }

        for (var c = 0; c < biases.Length; c++)
        {
            biases[c] += (float)offsets.GetValueOrDefault(labels[c]);
        }

        return true;
    }

    /// <summary>Macro-F1 of argmax(log p + offset) against the true classes (−1: a label the model does not know).</summary>
    private static double MacroF1(int[] truth, double[][] logs, double[] offsets, int k)
    {
        Span<int> tp = stackalloc int[k];
        Span<int> support = stackalloc int[k];
        Span<int> predictedCount = stackalloc int[k];
        for (var i = 0; i < truth.Length; i++)
        {
            var row = logs[i];
            var arg = 0;
            var max = double.NegativeInfinity;
            for (var c = 0; c < k; c++)
            {
                var s = row[c] + offsets[c];
                if (s > max)
                {
                    (max, arg) = (s, c);
                }
            }

            predictedCount[arg]++;
            if (truth[i] >= 0)
            {
                support[truth[i]]++;
                tp[arg] += truth[i] == arg ? 1 : 0;
            }
        }

        double sum = 0;
        var classes = 0;
        for (var c = 0; c < k; c++)
        {
            if (support[c] == 0 && predictedCount[c] == 0)
            {
                continue;
            }

            classes++;
            sum += tp[c] == 0 ? 0 : 2.0 * tp[c] / (support[c] + predictedCount[c]);
        }

        return classes == 0 ? 0 : sum / classes;
    }
}
