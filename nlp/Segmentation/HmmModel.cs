using System.Globalization;

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
        ReadTable(Path.Combine(resourcesDirectory, "prob_trans.json"), (from, to, value) =>
        {
            if (to.Length != 1 || !States.Contains(to[0], StringComparison.Ordinal))
            {
                throw new InvalidDataException($"prob_trans.json: state '{to}' is not one of B, M, E, S.");
            }

            transition[(from * 4) + States.IndexOf(to[0], StringComparison.Ordinal)] = value;
        });

        var emission = new double[4][];
        for (var s = 0; s < 4; s++)
        {
            emission[s] = new double[LastHan - FirstHan + 1];
            Array.Fill(emission[s], MinProbability);
        }

        ReadTable(Path.Combine(resourcesDirectory, "prob_emit.json"), (state, ch, value) =>
        {
            // Only Han characters reach the Viterbi cut; others are never looked up.
            if (ch.Length == 1 && ch[0] >= FirstHan && ch[0] <= LastHan)
            {
                emission[state][ch[0] - FirstHan] = value;
            }
        });

        return new HmmModel(start, transition, emission);
    }

    /// <summary>
    /// Reads jieba.NET's two-level JSON objects <c>{"B": {"key": number, …}, …}</c> with a small scanner (System.Text.Json
    /// costs more in start-up than the whole table); string escapes <c>\uXXXX</c> are decoded.
    /// </summary>
    private static void ReadTable(string path, Action<int, string, double> add)
    {
        var text = File.ReadAllText(path).AsSpan();
        var depth = 0;
        var state = -1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '{':
                    depth++;
                    i++;
                    break;
                case '}':
                    depth--;
                    i++;
                    break;
                case '"':
                    var key = ReadString(text, ref i, path);
                    i = SkipTo(text, i, ':', path) + 1;
                    if (depth == 1)
                    {
                        state = key.Length == 1 ? States.IndexOf(key[0], StringComparison.Ordinal) : -1;
                        if (state < 0)
                        {
                            throw new InvalidDataException($"{path}: state '{key}' is not one of B, M, E, S.");
                        }
                    }
                    else
                    {
                        while (i < text.Length && char.IsWhiteSpace(text[i]))
                        {
                            i++;
                        }

                        var start = i;
                        while (i < text.Length && text[i] is not (',' or '}') && !char.IsWhiteSpace(text[i]))
                        {
                            i++;
                        }

                        add(state, key, double.Parse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture));
                    }

                    break;
                default:
                    i++;
                    break;
            }
        }
    }

    private static string ReadString(ReadOnlySpan<char> text, ref int i, string path)
    {
        var builder = new System.Text.StringBuilder();
        i++;
        while (i < text.Length && text[i] != '"')
        {
            if (text[i] == '\\' && i + 5 < text.Length && text[i + 1] == 'u')
            {
                builder.Append((char)int.Parse(text.Slice(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 6;
            }
            else if (text[i] == '\\' && i + 1 < text.Length)
            {
                builder.Append(text[i + 1]);
                i += 2;
            }
            else
            {
                builder.Append(text[i]);
                i++;
            }
        }

        if (i >= text.Length)
        {
            throw new InvalidDataException($"{path}: unterminated string.");
        }

        i++;
        return builder.ToString();
    }

    private static int SkipTo(ReadOnlySpan<char> text, int i, char c, string path)
    {
        var found = text[i..].IndexOf(c);
        return found < 0 ? throw new InvalidDataException($"{path}: expected '{c}' after position {i}.") : i + found;
    }
}
