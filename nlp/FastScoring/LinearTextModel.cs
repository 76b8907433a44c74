using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Monitor.Nlp.FastScoring;

/// <summary>
/// The weights of a trained linear text model read out of its ML.NET transformer: per class a weight for every
/// feature slot and a bias (multiclass maximum entropy: softmax; binary: one class, Platt-calibrated sigmoid).
/// Weights are stored slot-major (all classes of a slot side by side) so a sparse row reads each slot once.
/// </summary>
internal sealed class LinearTextModel
{
    private readonly float[] weights;
    private readonly float[] biases;
    private readonly double plattSlope;
    private readonly double plattOffset;

    private LinearTextModel(float[] weights, float[] biases, int featureCount, bool binary, double slope, double offset)
    {
        this.weights = weights;
        this.biases = biases;
        FeatureCount = featureCount;
        IsBinary = binary;
        plattSlope = slope;
        plattOffset = offset;
    }

    public int FeatureCount { get; }

    public int Classes => biases.Length;

    public bool IsBinary { get; }

    /// <summary>
    /// A binary model's log-odds as margin × s + intercept for a raw score (w·x + bias): the Platt sigmoid
    /// 1/(1 + e^(slope·score + offset)) written so that a factor s on w·x can be fitted (<c>ProbabilityTemperature</c>).
    /// </summary>
    public (double Margin, double Intercept) LogOdds(double rawScore) =>
        (-plattSlope * (rawScore - biases[0]), (-plattSlope * biases[0]) - plattOffset);

    /// <summary>The linear model at the end of <paramref name="model"/>, or null when it is not one we can read.</summary>
    public static LinearTextModel? TryRead(ITransformer model)
    {
        foreach (var transformer in Flatten(model).Reverse())
        {
            if (transformer is not IPredictionTransformer<object> prediction)
            {
                continue;
            }

            switch (prediction.Model)
            {
                case MaximumEntropyModelParameters maxEnt:
                {
                    VBuffer<float>[] perClass = [];
                    maxEnt.GetWeights(ref perClass, out var classes);
                    var biases = maxEnt.GetBiases().ToArray();
                    var length = perClass[0].Length;
                    var slotMajor = new float[length * classes];
                    for (var k = 0; k < classes; k++)
                    {
                        var slot = 0;
                        foreach (var value in perClass[k].DenseValues())
                        {
                            slotMajor[(slot * classes) + k] = value;
                            slot++;
                        }
                    }

                    return new LinearTextModel(slotMajor, biases, length, binary: false, 0, 0);
                }

                case CalibratedModelParametersBase<LinearBinaryModelParameters, PlattCalibrator> calibrated:
                    return Binary(calibrated.SubModel, calibrated.Calibrator);

                // Other calibrated binary models loaded from a file is a generic type over ML.NET-internal interfaces,
                // so its two parts are read by property name.
                case { } calibrated when Part(calibrated, "SubModel") is LinearBinaryModelParameters linear
                    && Part(calibrated, "Calibrator") is PlattCalibrator platt:
                    return Binary(linear, platt);
                default:
                    return null;
            }
        }

        return null;
    }

    /// <summary>Class probabilities (binary: one value, P(positive)) of one sparse feature row.</summary>
    public void Score(Dictionary<int, float> features, Span<float> probabilities)
    {
        var k = Classes;
        Span<double> scores = stackalloc double[k];
        for (var c = 0; c < k; c++)
        {
            scores[c] = biases[c];
        }

        foreach (var (slot, value) in features)
        {
            var row = weights.AsSpan(slot * k, k);
            for (var c = 0; c < k; c++)
            {
                scores[c] += row[c] * value;
            }
        }

        ToProbabilities(scores, probabilities);
    }

    /// <summary>Class probabilities of one sparse feature vector given as its non-zero slots and their values.</summary>
    public void Score(ReadOnlySpan<int> slots, ReadOnlySpan<float> values, Span<float> probabilities)
    {
        var k = Classes;
        Span<double> scores = stackalloc double[k];
        for (var c = 0; c < k; c++)
        {
            scores[c] = biases[c];
        }

        for (var i = 0; i < slots.Length; i++)
        {
            var row = weights.AsSpan(slots[i] * k, k);
            var value = values[i];
            for (var c = 0; c < k; c++)
            {
                scores[c] += row[c] * value;
            }
        }

        ToProbabilities(scores, probabilities);
    }

    /// <summary>The weight of feature <paramref name="column"/> for class <paramref name="k"/>.</summary>
    public float Weight(int column, int k) => weights[(column * Classes) + k];

    public float Bias(int k) => biases[k];

    /// <summary>Probabilities from raw scores (bias + w·x): softmax, or the Platt sigmoid for binary models.</summary>
    public void ToProbabilities(Span<double> scores, Span<float> probabilities)
    {
        var k = Classes;
        if (IsBinary)
        {
            probabilities[0] = (float)(1 / (1 + Math.Exp((plattSlope * scores[0]) + plattOffset)));
            return;
        }

        var max = double.NegativeInfinity;
        foreach (var s in scores)
        {
            max = Math.Max(max, s);
        }

        double sum = 0;
        for (var c = 0; c < k; c++)
        {
            scores[c] = Math.Exp(scores[c] - max);
            sum += scores[c];
        }

        for (var c = 0; c < k; c++)
        {
            probabilities[c] = (float)(scores[c] / sum);
        }
    }

    private static LinearTextModel Binary(LinearBinaryModelParameters linear, PlattCalibrator platt)
    {
        var w = linear.Weights.ToArray();
        return new LinearTextModel(w, [linear.Bias], w.Length, binary: true, platt.Slope, platt.Offset);
    }

    private static object? Part(object model, string name) =>
        model.GetType().GetProperties().FirstOrDefault(p => p.Name == name && p.GetIndexParameters().Length == 0)?.GetValue(model);

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
