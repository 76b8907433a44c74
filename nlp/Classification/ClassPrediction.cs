namespace Monitor.Nlp.Classification;

/// <summary>
/// The most probable <paramref name="Label"/>, its probability <paramref name="Score"/>, and the probability of every
/// label of the model in the order of <see cref="ITextClassifier.Labels"/>.
/// </summary>
public sealed record ClassPrediction(string Label, double Score, IReadOnlyList<float> Probabilities)
{
    /// <summary>The probability of <paramref name="label"/> (0 when the model does not know it).</summary>
    public double ProbabilityOf(IReadOnlyList<string> labels, string label)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (var i = 0; i < labels.Count && i < Probabilities.Count; i++)
        {
            if (labels[i] == label)
            {
                return Probabilities[i];
            }
        }

        return 0;
    }
}
