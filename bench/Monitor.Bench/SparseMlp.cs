using System.Numerics.Tensors;

namespace Monitor.Bench;

/// <summary>One sparse input row: feature columns (any order, no repeats) and their values.</summary>
internal sealed record SparseRow(int[] Indices, float[] Values);

/// <summary>Settings of <see cref="SparseMlp"/>.</summary>
internal sealed record SparseMlpOptions
{
    public int Hidden { get; init; } = 256;

    /// <summary>Probability of dropping a hidden unit while training (inverted dropout).</summary>
    public float Dropout { get; init; } = 0.5f;

    /// <summary>Probability of dropping each non-zero input feature while training (kept ones scaled by 1/keep).</summary>
    public float InputDropout { get; init; }

    public int MaxEpochs { get; init; } = 10;

    /// <summary>Epochs without a better early-stopping loss before training stops (the best epoch's weights are kept).</summary>
    public int Patience { get; init; } = 1;

    public int BatchSize { get; init; } = 32;

    /// <summary>Row-wise AdaGrad rate of the input (embedding) layer.</summary>
    public float InputRate { get; init; } = 0.05f;

    /// <summary>Adam rate of the hidden bias and the output layer.</summary>
    public float OutputRate { get; init; } = 1e-3f;

    /// <summary>L2 on the input rows a batch touches (lazy) and decoupled decay on the output layer.</summary>
    public float WeightDecay { get; init; } = 1e-6f;

    /// <summary>Half-width of the uniform initialisation of the input layer.</summary>
    public float InitScale { get; init; } = 0.1f;

    public int Seed { get; init; } = 1;

    /// <summary>Examples in a batch are forwarded on this many threads; the input rows' updates are split by row, so results do not depend on timing.</summary>
    public int Threads { get; init; } = 2;

    public override string ToString() =>
        FormattableString.Invariant($"h{Hidden} drop {Dropout} input drop {InputDropout} in-rate {InputRate} out-rate {OutputRate} wd {WeightDecay} batch {BatchSize}");
}

/// <summary>
/// A one-hidden-layer perceptron over sparse feature vectors: h = ReLU(b1 + Σ x_j·W1[j]) (an embedding bag weighted by
/// the feature values), softmax(W2·h + b2). The input layer is a table of rows, one per feature column, trained with
/// row-wise AdaGrad on the rows a batch touches only (a dense optimizer state for a million rows would not fit); the
/// small output layer uses Adam. Early stopping on a held-out slice of the training rows. Deterministic for a seed:
/// dropout masks come from (seed, epoch, example), and each input row is updated by one thread in example order.
/// </summary>
internal sealed class SparseMlp
{
    private readonly int inputs;
    private readonly int hidden;
    private readonly int classes;
    private float[] w1;
    private float[] b1;
    private float[] w2;
    private float[] b2;

    private SparseMlp(int inputs, int hidden, int classes, int seed, float initScale)
    {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        w1 = new float[(long)inputs * hidden > int.MaxValue ? throw new ArgumentException("input layer too large") : inputs * hidden];
        b1 = new float[hidden];
        w2 = new float[classes * hidden];
        b2 = new float[classes];
        var random = new Random(seed);
        for (var i = 0; i < w1.Length; i++)
        {
            w1[i] = (float)((random.NextDouble() * 2) - 1) * initScale;
        }

        var outScale = MathF.Sqrt(6f / (hidden + classes));
        for (var i = 0; i < w2.Length; i++)
        {
            w2[i] = (float)((random.NextDouble() * 2) - 1) * outScale;
        }
    }

    public int Classes => classes;

    /// <summary>
    /// Trains on <paramref name="rows"/> (labels 0…classes−1, per-row weights) and stops early on the weighted log-loss
    /// of <paramref name="stopRows"/>.
    /// </summary>
    public static SparseMlp Train(
        IReadOnlyList<SparseRow> rows, int[] labels, float[] weights, IReadOnlyList<SparseRow> stopRows, int[] stopLabels, float[] stopWeights,
        int inputs, int classes, SparseMlpOptions options, Action<string>? log)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        var model = new SparseMlp(inputs, options.Hidden, classes, options.Seed, options.InitScale);
        new Trainer(model, options).Run(rows, labels, weights, stopRows, stopLabels, stopWeights, log);
        return model;
    }

    /// <summary>Log-probabilities of the classes for one row (no dropout).</summary>
    public float[] LogProbabilities(SparseRow row)
    {
        var h = new float[hidden];
        var logits = new float[classes];
        Forward(row, h, logits, null);
        LogSoftmax(logits);
        return logits;
    }

    /// <summary>Weighted mean log-loss over rows.</summary>
    public double Loss(IReadOnlyList<SparseRow> rows, int[] labels, float[] weights)
    {
        double sum = 0, total = 0;
        var h = new float[hidden];
        var logits = new float[classes];
        for (var i = 0; i < rows.Count; i++)
        {
            Forward(rows[i], h, logits, null);
            LogSoftmax(logits);
            sum -= weights[i] * logits[labels[i]];
            total += weights[i];
        }

        return sum / total;
    }

    /// <summary>Hidden activations (after ReLU and the dropout mask when given) and the output logits.</summary>
    private void Forward(SparseRow row, Span<float> h, Span<float> logits, ReadOnlySpan<float> mask, float inputDropout = 0f, int inputSeed = 0)
    {
        b1.AsSpan().CopyTo(h);
        var indices = row.Indices;
        var values = row.Values;
        for (var j = 0; j < indices.Length; j++)
        {
            var x = InputScale(inputDropout, inputSeed, j) * values[j];
            if (x != 0f)
            {
                TensorPrimitives.MultiplyAdd(w1.AsSpan(indices[j] * hidden, hidden), x, h, h);
            }
        }

        TensorPrimitives.Max(h, 0f, h);
        if (!mask.IsEmpty)
        {
            TensorPrimitives.Multiply(h, mask, h);
        }

        for (var c = 0; c < classes; c++)
        {
            logits[c] = b2[c] + TensorPrimitives.Dot(w2.AsSpan(c * hidden, hidden), h);
        }
    }

    /// <summary>A fixed integer mix (unlike <see cref="HashCode"/>, the same in every process), for per-example random streams.</summary>
    private static int Mix(int a, int b, int c = 0, int d = 0)
    {
        ulong z = 0x9E3779B97F4A7C15UL;
        foreach (var v in (ReadOnlySpan<int>)[a, b, c, d])
        {
            z = (z ^ (uint)v) * 0xBF58476D1CE4E5B9UL;
            z ^= z >> 31;
        }

        return (int)(z ^ (z >> 32));
    }

    /// <summary>0 for a dropped input feature, 1/keep for a kept one: a hash of (example seed, position), so the backward pass makes the same choice.</summary>
    private static float InputScale(float dropout, int seed, int position)
    {
        if (dropout <= 0f)
        {
            return 1f;
        }

        var z = ((uint)seed * 0x9E3779B1u) ^ ((uint)position * 0x85EBCA77u);
        z ^= z >> 15;
        z *= 0x2C1B3C6Du;
        z ^= z >> 12;
        z *= 0x297A2D39u;
        z ^= z >> 15;
        return (z >> 8) * (1f / (1 << 24)) < dropout ? 0f : 1f / (1f - dropout);
    }

    private static void LogSoftmax(Span<float> logits)
    {
        var max = TensorPrimitives.Max(logits);
        double sum = 0;
        foreach (var z in logits)
        {
            sum += Math.Exp(z - max);
        }

        var log = max + (float)Math.Log(sum);
        TensorPrimitives.Subtract(logits, log, logits);
    }

    /// <summary>The optimizer state and per-batch scratch of one training run.</summary>
    private sealed class Trainer(SparseMlp model, SparseMlpOptions options)
    {
        private readonly int hidden = model.hidden;
        private readonly int classes = model.classes;
        private readonly float[] rowSquares = new float[model.inputs];
        private readonly Adam b1Adam = new(model.hidden);
        private readonly Adam w2Adam = new(model.classes * model.hidden);
        private readonly Adam b2Adam = new(model.classes);

        public void Run(IReadOnlyList<SparseRow> rows, int[] labels, float[] weights, IReadOnlyList<SparseRow> stopRows, int[] stopLabels, float[] stopWeights, Action<string>? log)
        {
            var batch = options.BatchSize;
            var order = Enumerable.Range(0, rows.Count).ToArray();
            var dh = new float[batch * hidden];
            var hs = new float[batch * hidden];
            var dz = new float[batch * classes];
            var masks = new float[options.Threads][];
            var logits = new float[options.Threads][];
            for (var t = 0; t < options.Threads; t++)
            {
                masks[t] = new float[hidden];
                logits[t] = new float[classes];
            }

            var gradB1 = new float[hidden];
            var gradW2 = new float[classes * hidden];
            var gradB2 = new float[classes];
            var entries = new List<(int Row, int Example, float Value)>(batch * 512);
            var rowStarts = new List<int>(batch * 512);
            var rowGrads = new float[options.Threads][];
            for (var t = 0; t < options.Threads; t++)
            {
                rowGrads[t] = new float[hidden];
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads };
            var best = model.Loss(stopRows, stopLabels, stopWeights);
            var bestEpoch = 0;
            var lastEpoch = 0;
            (float[] W1, float[] B1, float[] W2, float[] B2)? saved = null;
            log?.Invoke(FormattableString.Invariant($"  epoch 0: stop loss {best:F4}"));
            for (var epoch = 1; epoch <= options.MaxEpochs; epoch++)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                new Random(Mix(options.Seed, epoch)).Shuffle(order);
                for (var start = 0; start < order.Length; start += batch)
                {
                    var n = Math.Min(batch, order.Length - start);
                    var scale = 1f / n;
                    var s0 = start;
                    var e = epoch;

                    // Forward and backward of each example to the hidden layer, examples split between threads.
                    Parallel.For(0, options.Threads, parallel, t =>
                    {
                        var mask = masks[t];
                        var z = logits[t];
                        for (var b = t; b < n; b += options.Threads)
                        {
                            var i = order[s0 + b];
                            FillMask(mask, options.Dropout, Mix(options.Seed, e, i));
                            var h = hs.AsSpan(b * hidden, hidden);
                            model.Forward(rows[i], h, z, mask, options.InputDropout, Mix(options.Seed, e, i, 7));
                            LogSoftmax(z);
                            var g = dz.AsSpan(b * classes, classes);
                            var w = weights[i] * scale;
                            for (var c = 0; c < classes; c++)
                            {
                                g[c] = w * (MathF.Exp(z[c]) - (c == labels[i] ? 1f : 0f));
                            }

                            var d = dh.AsSpan(b * hidden, hidden);
                            d.Clear();
                            for (var c = 0; c < classes; c++)
                            {
                                TensorPrimitives.MultiplyAdd(model.w2.AsSpan(c * hidden, hidden), g[c], d, d);
                            }

                            // ReLU and dropout: h is zero exactly where either blocked the unit; kept units carry the mask's 1/keep.
                            for (var k = 0; k < hidden; k++)
                            {
                                d[k] = h[k] > 0f ? d[k] * mask[k] : 0f;
                            }
                        }
                    });

                    // The small dense layers: gradients summed in example order, then Adam.
                    gradB1.AsSpan().Clear();
                    gradW2.AsSpan().Clear();
                    gradB2.AsSpan().Clear();
                    for (var b = 0; b < n; b++)
                    {
                        TensorPrimitives.Add(gradB1, dh.AsSpan(b * hidden, hidden), gradB1);
                        for (var c = 0; c < classes; c++)
                        {
                            var g = dz[(b * classes) + c];
                            gradB2[c] += g;
                            TensorPrimitives.MultiplyAdd(hs.AsSpan(b * hidden, hidden), g, gradW2.AsSpan(c * hidden, hidden), gradW2.AsSpan(c * hidden, hidden));
                        }
                    }

                    // The input rows the batch touched: grouped by row, each row's gradient Σ x·dh (+ L2), row-wise AdaGrad.
                    entries.Clear();
                    for (var b = 0; b < n; b++)
                    {
                        var i = order[start + b];
                        var row = rows[i];
                        var inputSeed = Mix(options.Seed, epoch, i, 7);
                        for (var j = 0; j < row.Indices.Length; j++)
                        {
                            var x = InputScale(options.InputDropout, inputSeed, j) * row.Values[j];
                            if (x != 0f)
                            {
                                entries.Add((row.Indices[j], b, x));
                            }
                        }
                    }

                    entries.Sort(static (x, y) => x.Row != y.Row ? x.Row.CompareTo(y.Row) : x.Example.CompareTo(y.Example));
                    rowStarts.Clear();
                    for (var k = 0; k < entries.Count; k++)
                    {
                        if (k == 0 || entries[k].Row != entries[k - 1].Row)
                        {
                            rowStarts.Add(k);
                        }
                    }

                    rowStarts.Add(entries.Count);
                    var groups = rowStarts.Count - 1;
                    Parallel.For(0, options.Threads, parallel, t =>
                    {
                        var g = rowGrads[t];
                        var from = groups * t / options.Threads;
                        var to = groups * (t + 1) / options.Threads;
                        for (var r = from; r < to; r++)
                        {
                            var first = entries[rowStarts[r]];
                            var w = model.w1.AsSpan(first.Row * hidden, hidden);
                            TensorPrimitives.Multiply(w, options.WeightDecay, g);
                            for (var k = rowStarts[r]; k < rowStarts[r + 1]; k++)
                            {
                                TensorPrimitives.MultiplyAdd(dh.AsSpan(entries[k].Example * hidden, hidden), entries[k].Value, g, g);
                            }

                            var squares = rowSquares[first.Row] += TensorPrimitives.SumOfSquares(g) / hidden;
                            TensorPrimitives.MultiplyAdd(g, -options.InputRate / (MathF.Sqrt(squares) + 1e-8f), w, w);
                        }
                    });

                    b1Adam.Step(model.b1, gradB1, options.OutputRate, 0f);
                    w2Adam.Step(model.w2, gradW2, options.OutputRate, options.WeightDecay);
                    b2Adam.Step(model.b2, gradB2, options.OutputRate, 0f);
                }

                var loss = model.Loss(stopRows, stopLabels, stopWeights);
                lastEpoch = epoch;
                log?.Invoke(FormattableString.Invariant($"  epoch {epoch}: stop loss {loss:F4} ({clock.Elapsed.TotalSeconds:F1} s)"));
                if (loss < best)
                {
                    (best, bestEpoch) = (loss, epoch);
                    saved = epoch < options.MaxEpochs ? ((float[])model.w1.Clone(), (float[])model.b1.Clone(), (float[])model.w2.Clone(), (float[])model.b2.Clone()) : null;
                }
                else if (epoch - bestEpoch >= options.Patience)
                {
                    break;
                }
            }

            if (bestEpoch != lastEpoch && saved is { } kept)
            {
                (model.w1, model.b1, model.w2, model.b2) = kept;
            }

            log?.Invoke(FormattableString.Invariant($"  kept epoch {bestEpoch} (stop loss {best:F4})"));
        }

        private static void FillMask(float[] mask, float dropout, int seed)
        {
            if (dropout <= 0f)
            {
                mask.AsSpan().Fill(1f);
                return;
            }

            // A small xorshift stream per example: cheap and the same on every run.
            var state = (uint)seed | 1u;
            var keep = 1f - dropout;
            var kept = 1f / keep;
            for (var k = 0; k < mask.Length; k++)
            {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                mask[k] = (state >> 8) * (1f / (1 << 24)) < keep ? kept : 0f;
            }
        }
    }

    /// <summary>Adam with decoupled weight decay over one parameter array.</summary>
    private sealed class Adam(int size)
    {
        private const float Beta1 = 0.9f;
        private const float Beta2 = 0.999f;
        private readonly float[] m = new float[size];
        private readonly float[] v = new float[size];
        private int steps;

        public void Step(float[] parameters, float[] gradient, float rate, float decay)
        {
            steps++;
            var c1 = 1f - MathF.Pow(Beta1, steps);
            var c2 = 1f - MathF.Pow(Beta2, steps);
            for (var i = 0; i < parameters.Length; i++)
            {
                m[i] = (Beta1 * m[i]) + ((1 - Beta1) * gradient[i]);
                v[i] = (Beta2 * v[i]) + ((1 - Beta2) * gradient[i] * gradient[i]);
                parameters[i] -= (rate * (m[i] / c1) / (MathF.Sqrt(v[i] / c2) + 1e-8f)) + (rate * decay * parameters[i]);
            }
        }
    }
}
