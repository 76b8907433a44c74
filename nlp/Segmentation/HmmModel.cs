using System.Text.Json;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// jieba's BMES character HMM (<c>prob_trans.json</c>, <c>prob_emit.json</c> and the start probabilities jieba.NET
/// hard-codes), with emissions in flat arrays indexed by the Han character. Immutable after load.
/// </summary>
internal sealed class HmmModel
{
    /// <summary>jieba's <c>MIN_FLOAT</c>: the log-probability of anything unseen.</summary>
    public const double MinProbability = -3.14e100;

    public const char FirstHan = '\u4E00';
    public const char LastHan = '\u9FD5';

    public const int B = 0;
    public const int M = 1;
    public const int E = 2;
    public const int S = 3;

    private const string States = "BMES";

    private HmmModel(double[] start, double[] transition, double[][] emission)
    {
        Start = start;
        Transition = transition;
        Emission = emission;
    }

    /// <summary>Start log-probabilities by state (B, M, E, S).</summary>
    public double[] Start { get; }

    /// <summary>Transition log-probabilities at <c>from * 4 + to</c>; missing pairs are <see cref="MinProbability"/>.</summary>
    public double[] Transition { get; }

    /// <summary>Emission log-probabilities per state, indexed by <c>c - FirstHan</c>.</summary>
    public double[][] Emission { get; }

    public static HmmModel Load(string resourcesDirectory)
    {
        double[] start = [-0.26268660809250016, -3.14e+100, -3.14e+100, -1.4652633398537678];
        var transition = new double[16];
        Array.Fill(transition, MinProbability);

        using (var trans = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(resourcesDirectory, "prob_trans.json"))))
        {
            foreach (var from in trans.RootElement.EnumerateObject())
            {
                foreach (var to in from.Value.EnumerateObject())
                {
                    transition[(StateIndex(from.Name) * 4) + StateIndex(to.Name)] = to.Value.GetDouble();
                }
            }
        }

        var emission = new double[4][];
        for (var s = 0; s < 4; s++)
        {
            emission[s] = new double[LastHan - FirstHan + 1];
            Array.Fill(emission[s], MinProbability);
        }

        using (var emit = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(resourcesDirectory, "prob_emit.json"))))
        {
            foreach (var state in emit.RootElement.EnumerateObject())
            {
                var row = emission[StateIndex(state.Name)];
                foreach (var ch in state.Value.EnumerateObject())
                {
                    // Only Han characters reach the Viterbi cut; others are never looked up.
                    if (ch.Name.Length == 1 && ch.Name[0] >= FirstHan && ch.Name[0] <= LastHan)
                    {
                        row[ch.Name[0] - FirstHan] = ch.Value.GetDouble();
                    }
                }
            }
        }

        return new HmmModel(start, transition, emission);
    }

    private static int StateIndex(string name) =>
        name.Length == 1 && States.Contains(name[0], StringComparison.Ordinal)
            ? States.IndexOf(name[0], StringComparison.Ordinal)
            : throw new InvalidDataException($"HMM state '{name}' is not one of B, M, E, S.");
}
