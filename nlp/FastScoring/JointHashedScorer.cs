using Monitor.Nlp.Classification;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.FastScoring;

/// <summary>What the three text models say about one message.</summary>
public sealed record MessageModelScores(SentimentPrediction Sentiment, ClassPrediction Emotion, ClassPrediction Topic);

/// <summary>Scores sentiment, emotion and topic of a batch of segmented messages together. Thread-safe.</summary>
public interface IMessageModelScorer
{
    IReadOnlyList<MessageModelScores> ScoreBatch(IReadOnlyList<TextInput> inputs);
}

/// <summary>
/// Sentiment, emotion and topic on one featurization: when all three models are on our <see cref="HashedFeatureSpace"/>
/// with the same n-gram lengths and hash sizes, a message's text is normalized, its words negation-marked and every
/// character and word n-gram hashed once. One table maps a slot to its entry in a packed pool, where everything the
/// three models know about that slot sits side by side: which models have it, and for each of those its column weight
/// (IDF) and its class weights. A feature of a long message then costs two scattered reads (table, pool entry) instead
/// of three per model (column map, term counts, weights). Same probabilities as each model's own fast path (checked at
/// load by <see cref="FastScoringLoader.Combine"/>). Extra memory: 4 bytes per hash slot plus the pool (about 30 MB for
/// the committed models). Immutable after construction; scratch is per thread.
/// </summary>
internal sealed class JointHashedScorer : IMessageModelScorer
{
    private const int WordBlock = 1 << 3;
    private const int Models = 3;

    private readonly HashedFeatureSettings settings;

    /// <summary>[block (0 characters, 1 words), n-gram length] → bit m set when model m counts such n-grams.</summary>
    private readonly int[,] eligible;

    /// <summary>Slot → offset of its entry in <see cref="pool"/>, or −1 when no model has the slot.</summary>
    private readonly int[] entries;

    /// <summary>
    /// Entries: a header (bit m set when model m has the slot, <see cref="WordBlock"/> for word n-grams, stored as the
    /// float's bits), then for each model that has it, in model order, its column weight and its class weights.
    /// </summary>
    private readonly float[] pool;

    private readonly LinearTextModel[] models;
    private readonly int[] classes;

    /// <summary>Each model's block length (<see cref="HashedFeatureSpace.OutputScale"/>, its calibration temperature).</summary>
    private readonly float[] outputScales;

    /// <summary>Where model m's two accumulator blocks (character, word) start in the per-message score buffer.</summary>
    private readonly int[] accumulatorOffsets;
    private readonly int accumulatorLength;
    private readonly IReadOnlyList<string> emotionLabels;
    private readonly IReadOnlyList<string> topicLabels;

    /// <summary>The topic model's first-line part, when it has one (<see cref="FirstLineTopicClassifier"/>).</summary>
    private FirstLineTopicClassifier? FirstLinePart { get; init; }

    private JointHashedScorer(FastHashedSentimentClassifier sentiment, FastHashedTextClassifier emotion, FastHashedTextClassifier topic)
    {
        emotionLabels = emotion.Labels;
        topicLabels = topic.Labels;
        var spaces = new[] { sentiment.Features, emotion.Features, topic.Features };
        settings = sentiment.Features.Settings with
        {
            CharNgrams = spaces.Max(f => f.Settings.CharNgrams),
            WordNgrams = spaces.Max(f => f.Settings.WordNgrams),
        };

        // Which models count an n-gram of each block and length (a model with shorter n-grams skips the longer ones).
        eligible = new int[2, Math.Max(settings.CharNgrams, settings.WordNgrams) + 1];
        for (var m = 0; m < Models; m++)
        {
            for (var n = 1; n <= spaces[m].Settings.CharNgrams; n++)
            {
                eligible[0, n] |= 1 << m;
            }

            for (var n = 1; n <= spaces[m].Settings.WordNgrams; n++)
            {
                eligible[1, n] |= 1 << m;
            }
        }

        models = [sentiment.Model, emotion.Model, topic.Model];
        outputScales = [.. spaces.Select(s => s.OutputScale)];
        classes = [.. models.Select(m => m.Classes)];
        accumulatorOffsets = new int[Models];
        for (var m = 0; m < Models; m++)
        {
            accumulatorOffsets[m] = accumulatorLength;
            accumulatorLength += 2 * classes[m];
        }

        var charSlots = 1 << settings.CharBits;
        entries = new int[settings.SlotCount];
        var packed = new List<float>(1 << 20);
        Span<int> columns = stackalloc int[Models];
        for (var slot = 0; slot < entries.Length; slot++)
        {
            var mask = 0;
            for (var m = 0; m < Models; m++)
            {
                columns[m] = spaces[m].ColumnOf(slot);
                if (columns[m] >= 0)
                {
                    mask |= 1 << m;
                }
            }

            if (mask == 0)
            {
                entries[slot] = -1;
                continue;
            }

            entries[slot] = packed.Count;
            packed.Add(BitConverter.Int32BitsToSingle(mask | (slot >= charSlots ? WordBlock : 0)));
            for (var m = 0; m < Models; m++)
            {
                if (columns[m] < 0)
                {
                    continue;
                }

                packed.Add(spaces[m].ColumnWeight(columns[m]));
                for (var k = 0; k < classes[m]; k++)
                {
                    packed.Add(models[m].Weight(columns[m], k));
                }
            }
        }

        pool = [.. packed];
    }

    /// <summary>The joint scorer of three fast-path models, or null when they do not hash texts the same way.</summary>
    /// <remarks>
    /// A two-part topic model (<see cref="FirstLineTopicClassifier"/>) joins with its whole-text part; its first-line
    /// part then scores each message's first line (a short text) on its own and the two are combined.
    /// </remarks>
    public static JointHashedScorer? TryCreate(object sentiment, object emotion, object topic)
    {
        var twoPart = topic as FirstLineTopicClassifier;
        var whole = twoPart?.Whole ?? topic;
        return sentiment is FastHashedSentimentClassifier s && emotion is FastHashedTextClassifier e && whole is FastHashedTextClassifier t
            && s.Features.SameSlotsAs(e.Features) && s.Features.SameSlotsAs(t.Features) && s.Features.Settings.SlotCount <= 1 << HashedFeatureSpace.LengthShift
            ? new JointHashedScorer(s, e, t) { FirstLinePart = twoPart }
            : null;
    }

    public IReadOnlyList<MessageModelScores> ScoreBatch(IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var scratch = Scratch.Current;
        var results = new MessageModelScores[inputs.Count];
        Span<double> accumulators = stackalloc double[accumulatorLength];
        Span<double> norms = stackalloc double[2 * Models];
        Span<double> scores = stackalloc double[accumulatorLength];
        Span<float> positive = stackalloc float[1];
        for (var i = 0; i < inputs.Count; i++)
        {
            accumulators.Clear();
            norms.Clear();
            var distinct = scratch.Distinct(this, inputs[i].Text, inputs[i].Tokens);
            var headers = scratch.Headers;
            var counts = scratch.Counts;
            for (var j = 0; j < distinct.Length; j++)
            {
                var entry = distinct[j];
                var header = headers[j];
                var block = (header & WordBlock) == 0 ? 0 : 1;
                var p = entry + 1;
                for (var m = 0; m < Models; m++)
                {
                    if ((header & (1 << m)) == 0)
                    {
                        continue;
                    }

                    var k = classes[m];
                    var count = counts[(j * Models) + m];
                    if (count > 0)
                    {
                        var value = HashedFeatureSpace.Sublinear(count) * pool[p];
                        norms[(2 * m) + block] += (double)value * value;
                        var acc = accumulators.Slice(accumulatorOffsets[m] + (block * k), k);
                        var weights = pool.AsSpan(p + 1, k);
                        for (var c = 0; c < k; c++)
                        {
                            acc[c] += weights[c] * value;
                        }
                    }

                    p += k + 1;
                }
            }

            var emotions = new float[classes[1]];
            var topics = new float[classes[2]];
            Finish(0, accumulators, norms, scores, positive);
            Finish(1, accumulators, norms, scores, emotions);
            Finish(2, accumulators, norms, scores, topics);
            results[i] = new MessageModelScores(
                SentimentPrediction.FromPositiveProbability(positive[0]),
                Prediction(emotionLabels, emotions),
                Prediction(topicLabels, topics));
        }

        if (FirstLinePart is { } firstLine)
        {
            var topics = firstLine.Combine([.. results.Select(r => r.Topic)], inputs);
            for (var i = 0; i < results.Length; i++)
            {
                results[i] = results[i] with { Topic = topics[i] };
            }
        }

        return results;
    }

    /// <summary>Bias + each block's sum divided by the block's norm (the same as normalizing each value first), then probabilities.</summary>
    private void Finish(int m, ReadOnlySpan<double> accumulators, ReadOnlySpan<double> norms, Span<double> scores, Span<float> probabilities)
    {
        var k = classes[m];
        var charScale = norms[2 * m] > 0 ? (float)(outputScales[m] / Math.Sqrt(norms[2 * m])) : 1f;
        var wordScale = norms[(2 * m) + 1] > 0 ? (float)(outputScales[m] / Math.Sqrt(norms[(2 * m) + 1])) : 1f;
        var total = scores[..k];
        for (var c = 0; c < k; c++)
        {
            total[c] = models[m].Bias(c) + (accumulators[accumulatorOffsets[m] + c] * charScale) + (accumulators[accumulatorOffsets[m] + k + c] * wordScale);
        }

        models[m].ToProbabilities(total, probabilities);
    }

    private static ClassPrediction Prediction(IReadOnlyList<string> labels, float[] probabilities)
    {
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        return new ClassPrediction(labels[best], probabilities[best], probabilities);
    }

    /// <summary>
    /// Per-thread buffers: the tagged slots of one message, their pool entries, and a small open-addressing table that
    /// counts each entry per model (small enough to stay in the cache, unlike a count per hash slot). The scattered reads
    /// (slot → entry, entry → header) each run in a loop of their own without data-dependent branches, so the processor
    /// has many of them in flight at once instead of waiting for each behind a mispredicted branch.
    /// </summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        private readonly List<int> slots = new(2048);
        private readonly List<ulong> tokenHashes = new(256);
        private int[] found = new int[2048];
        private int[] distinct = new int[2048];
        private int[] headers = new int[2048];
        private int[] counts = new int[2048 * Models];
        private int[] keys = new int[4096];
        private int[] positions = new int[4096];

        public static Scratch Current => current ??= new Scratch();

        /// <summary>The header of each distinct entry of the last <see cref="Distinct"/>.</summary>
        public ReadOnlySpan<int> Headers => headers;

        /// <summary>Per distinct entry of the last <see cref="Distinct"/>, how many of its n-grams each model counts.</summary>
        public ReadOnlySpan<int> Counts => counts;

        /// <summary>Every distinct pool entry of a text's n-grams, in first-seen order.</summary>
        public ReadOnlySpan<int> Distinct(JointHashedScorer scorer, string text, IReadOnlyList<string> tokens)
        {
            slots.Clear();
            HashedFeatureSpace.AppendTaggedSlots(scorer.settings, text, tokens, slots, tokenHashes);
            var total = slots.Count;
            if (found.Length < total)
            {
                found = new int[total];
                distinct = new int[total];
                headers = new int[total];
                counts = new int[total * Models];
            }

            // Slot → entry: independent loads only.
            var entries = scorer.entries;
            var tagged = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(slots);
            const int slotMask = (1 << HashedFeatureSpace.LengthShift) - 1;
            for (var i = 0; i < tagged.Length; i++)
            {
                found[i] = entries[tagged[i] & slotMask];
            }

            var size = keys.Length;
            while (size < 2 * total)
            {
                size *= 2;
            }

            if (size != keys.Length)
            {
                keys = new int[size];
                positions = new int[size];
            }

            keys.AsSpan().Fill(-1);
            var mask = size - 1;
            var charSlots = 1 << scorer.settings.CharBits;
            var n = 0;
            for (var i = 0; i < tagged.Length; i++)
            {
                var entry = found[i];
                if (entry < 0)
                {
                    continue;
                }

                var h = (int)((uint)(entry * -1640531535) >> 8) & mask;
                while (keys[h] != entry && keys[h] != -1)
                {
                    h = (h + 1) & mask;
                }

                int position;
                if (keys[h] == -1)
                {
                    keys[h] = entry;
                    positions[h] = position = n;
                    distinct[n++] = entry;
                    counts.AsSpan(position * Models, Models).Clear();
                }
                else
                {
                    position = positions[h];
                }

                var slot = tagged[i] & slotMask;
                var models = scorer.eligible[slot < charSlots ? 0 : 1, tagged[i] >> HashedFeatureSpace.LengthShift];
                for (var m = 0; m < Models; m++)
                {
                    counts[(position * Models) + m] += (models >> m) & 1;
                }
            }

            // Entry → header: independent loads again; the scoring loop then finds the entries in the cache.
            var pool = scorer.pool;
            for (var j = 0; j < n; j++)
            {
                headers[j] = BitConverter.SingleToInt32Bits(pool[distinct[j]]);
            }

            return distinct.AsSpan(0, n);
        }
    }
}
