using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.ML.Data;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Our own text featurizer for the linear ML.NET models: hashed character 1…n-grams of the normalized raw text and
/// hashed word 1…m-grams of the segmenter's tokens (negation scope marked, Weibo emoticons such as <c>[怒]</c> kept as
/// one token), each count turned into a sublinear term frequency 1 + ln(tf), multiplied by a per-slot weight learned
/// from the training rows (smoothed IDF, zero for slots seen in fewer than <see cref="MinDocumentFrequency"/> rows;
/// for binary tasks optionally times the naive-Bayes log-count ratio), and each block L2-normalized. ML.NET's
/// featurizers have neither sublinear TF nor IDF over hashed slots, which is what won on our tuning split.
/// Immutable after <see cref="Fit"/> or <see cref="Load"/>: safe to share across threads.
/// </summary>
internal sealed class HashedFeatureSpace
{
    public const string FileName = "features.bin";
    private const string Magic = "monitor-hashed-features-v2";

    /// <summary>Files written before the output scale existed: the same layout without it (scale 1).</summary>
    private const string MagicWithoutScale = "monitor-hashed-features-v1";
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;
    private const ulong CharSeed = 0x9E3779B97F4A7C15UL;
    private const ulong WordSeed = 0xC2B2AE3D27D4EB4FUL;
    private const ulong GramSeparator = 0x2545F4914F6CDD1DUL;

    private readonly float[] weights;

    /// <summary>Slot → feature column: the slots with a weight, numbered in slot order (−1 for the others).</summary>
    private readonly int[] columns;

    private HashedFeatureSpace(HashedFeatureSettings settings, float[] weights, int trainingRows, float outputScale = 1f)
    {
        Settings = settings;
        this.weights = weights;
        TrainingRows = trainingRows;
        OutputScale = outputScale;
        columns = new int[weights.Length];
        var next = 0;
        var charSlots = 1 << settings.CharBits;
        for (var s = 0; s < weights.Length; s++)
        {
            columns[s] = weights[s] == 0f ? -1 : next++;
            if (s == charSlots - 1)
            {
                charColumns = next;
            }
        }

        ActiveSlots = next;
        columnWeights = new float[next];
        for (var s = 0; s < weights.Length; s++)
        {
            if (columns[s] >= 0)
            {
                columnWeights[columns[s]] = weights[s];
            }
        }
    }

    /// <summary>The weight of each feature column (the active slots in slot order), read in ascending order when scoring.</summary>
    private readonly float[] columnWeights;

    /// <summary>Columns below this are character n-grams, the rest word n-grams.</summary>
    private readonly int charColumns;

    public HashedFeatureSettings Settings { get; }

    /// <summary>Columns below this are character n-grams, the rest word n-grams.</summary>
    public int CharColumns => charColumns;

    /// <summary>The feature column of a slot, or −1 when the slot has no weight.</summary>
    public int ColumnOf(int slot) => columns[slot];

    /// <summary>The weight (IDF, × NB ratio for binary tasks) of a feature column.</summary>
    public float ColumnWeight(int column) => columnWeights[column];

    /// <summary>True when both spaces hash an n-gram into the same slot (same hash sizes; the n-gram lengths may differ).</summary>
    public bool SameSlotsAs(HashedFeatureSpace other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Settings.CharBits == other.Settings.CharBits && Settings.WordBits == other.Settings.WordBits;
    }

    /// <summary>The term frequency as a feature value before the column weight: 1 + ln(tf), exactly as <see cref="Featurize"/> computes it.</summary>
    public static float Sublinear(int tf) => tf == 1 ? 1f : (float)(1.0 + Math.Log(tf));

    public int TrainingRows { get; }

    /// <summary>
    /// The length each L2-normalized block is stretched to (1 unless calibrated). A linear model's scores w·x scale with
    /// it, so this is where a fitted probability temperature lives (<see cref="ProbabilityTemperature"/>): ML.NET, the fast
    /// path and the joint scorer all read it from <c>features.bin</c> and need no other file.
    /// </summary>
    public float OutputScale { get; }

    /// <summary>The same space with each block stretched to <paramref name="scale"/> instead of its current length.</summary>
    public HashedFeatureSpace WithOutputScale(float scale)
    {
        if (!(scale > 0) || float.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The output scale must be a positive finite number.");
        }

        return new HashedFeatureSpace(Settings, weights, TrainingRows, scale);
    }

    public int MinDocumentFrequency => Settings.MinDocumentFrequency;

    /// <summary>
    /// Length of every feature vector: one column per slot with a weight (character block first), so the linear
    /// model's size and L-BFGS's cost follow the vocabulary seen in training, not the hash space.
    /// </summary>
    public int Dimension => Math.Max(1, ActiveSlots);

    /// <summary>Slots with a non-zero weight (the vocabulary the model can use).</summary>
    public int ActiveSlots { get; }

    /// <summary>
    /// Learns the slot weights from training texts: document frequencies give the IDF; when
    /// <paramref name="positive"/> is given (binary tasks) and <see cref="HashedFeatureSettings.NaiveBayes"/> is on,
    /// each weight is also multiplied by the log-count ratio log((p_f/|p|)/(q_f/|q|)) with add-one smoothing.
    /// </summary>
    /// <remarks>
    /// <paramref name="idfOnly"/> (unlabelled texts) count towards the IDF but not towards the vocabulary: a slot is kept
    /// only when seen in at least <see cref="HashedFeatureSettings.MinDocumentFrequency"/> of <paramref name="rows"/>,
    /// so the model's size follows the labelled data while rare-in-labels words get a better-estimated IDF.
    /// </remarks>
    public static HashedFeatureSpace Fit(
        HashedFeatureSettings settings,
        IReadOnlyList<(string Text, IReadOnlyList<string> Tokens)> rows,
        IReadOnlyList<bool>? positive,
        CancellationToken ct,
        DocumentCounts? idfOnly = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rows);
        var dimension = settings.SlotCount;
        var df = new int[dimension];
        var inPositive = positive is null ? null : new int[dimension];
        var slots = new List<int>(512);
        var tokenHashes = new List<ulong>(128);
        for (var i = 0; i < rows.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            slots.Clear();
            AppendSlots(settings, rows[i].Text, rows[i].Tokens, slots, tokenHashes);
            slots.Sort();
            for (var j = 0; j < slots.Count; j++)
            {
                if (j > 0 && slots[j] == slots[j - 1])
                {
                    continue;
                }

                df[slots[j]]++;
                if (inPositive is not null && positive![i])
                {
                    inPositive[slots[j]]++;
                }
            }
        }

        var n = rows.Count;
        var allDf = df;
        if (idfOnly is not null)
        {
            if (idfOnly.Frequencies.Length != dimension)
            {
                throw new ArgumentException("The document counts are of another feature space.", nameof(idfOnly));
            }

            allDf = new int[dimension];
            for (var s = 0; s < dimension; s++)
            {
                allDf[s] = df[s] + idfOnly.Frequencies[s];
            }

            n += idfOnly.Documents;
        }

        var weights = new float[dimension];
        double positiveTotal = 0, negativeTotal = 0;
        var nb = settings.NaiveBayes && inPositive is not null;
        if (nb)
        {
            for (var s = 0; s < dimension; s++)
            {
                if (df[s] >= settings.MinDocumentFrequency)
                {
                    positiveTotal += inPositive![s] + 1.0;
                    negativeTotal += df[s] - inPositive[s] + 1.0;
                }
            }
        }

        for (var s = 0; s < dimension; s++)
        {
            if (df[s] < settings.MinDocumentFrequency)
            {
                continue;
            }

            var idf = Math.Log((1.0 + n) / (1.0 + allDf[s])) + 1.0;
            if (nb)
            {
                var ratio = Math.Log((inPositive![s] + 1.0) / positiveTotal / ((df[s] - inPositive[s] + 1.0) / negativeTotal));
                weights[s] = (float)(idf * ratio);
            }
            else
            {
                weights[s] = (float)idf;
            }
        }

        return new HashedFeatureSpace(settings, weights, n);
    }

    /// <summary>In how many of <paramref name="texts"/> each slot occurs (for <see cref="Fit"/>'s IDF-only documents).</summary>
    public static DocumentCounts CountDocuments(HashedFeatureSettings settings, IReadOnlyList<(string Text, IReadOnlyList<string> Tokens)> texts, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(texts);
        var df = new int[settings.SlotCount];
        var slots = new List<int>(2048);
        var tokenHashes = new List<ulong>(256);
        foreach (var (text, tokens) in texts)
        {
            ct.ThrowIfCancellationRequested();
            slots.Clear();
            AppendSlots(settings, text, tokens, slots, tokenHashes);
            slots.Sort();
            for (var j = 0; j < slots.Count; j++)
            {
                if (j == 0 || slots[j] != slots[j - 1])
                {
                    df[slots[j]]++;
                }
            }
        }

        return new DocumentCounts(df, texts.Count);
    }

    /// <summary>The weighted, block-normalized feature vector of one text (sparse, indices ascending).</summary>
    public VBuffer<float> Featurize(string text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var scratch = Scratch.Current;
        var slots = scratch.Slots;
        slots.Clear();
        AppendSlots(Settings, text, tokens, slots, scratch.TokenHashes);

        // Map every n-gram to its column first (one random read each) and keep the known ones, so only those are sorted.
        var kept = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            var column = columns[slots[i]];
            if (column >= 0)
            {
                slots[kept++] = column;
            }
        }

        slots.RemoveRange(kept, slots.Count - kept);
        slots.Sort();
        var distinct = 0;
        for (var i = 0; i < slots.Count; i++)
        {
            if (i == 0 || slots[i] != slots[i - 1])
            {
                distinct++;
            }
        }

        var indices = new int[distinct];
        var values = new float[distinct];
        var count = 0;
        var charCount = 0;
        double charNorm = 0, wordNorm = 0;
        for (var i = 0; i < slots.Count;)
        {
            var column = slots[i];
            var j = i + 1;
            while (j < slots.Count && slots[j] == column)
            {
                j++;
            }

            var tf = j - i;
            var value = (tf == 1 ? 1f : (float)(1.0 + Math.Log(tf))) * columnWeights[column];
            indices[count] = column;
            values[count] = value;
            count++;
            if (column < charColumns)
            {
                charNorm += (double)value * value;
                charCount = count;
            }
            else
            {
                wordNorm += (double)value * value;
            }

            i = j;
        }

        Normalize(values, 0, charCount, charNorm, OutputScale);
        Normalize(values, charCount, count, wordNorm, OutputScale);
        return new VBuffer<float>(Dimension, count, values, indices);
    }

    /// <summary>
    /// The same non-zero values as <see cref="Featurize"/>, but in first-seen order instead of column order and into
    /// the caller's lists: no sort and no allocation, for scoring with the linear weights directly, where order does
    /// not matter. The block norms are summed in another order, so values may differ from <see cref="Featurize"/>'s in
    /// the last bit.
    /// </summary>
    public void FeaturizeUnordered(string text, IReadOnlyList<string> tokens, List<int> featureColumns, List<float> featureValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(featureColumns);
        ArgumentNullException.ThrowIfNull(featureValues);
        var scratch = Scratch.Current;
        var slots = scratch.Slots;
        slots.Clear();
        AppendSlots(Settings, text, tokens, slots, scratch.TokenHashes);
        var counts = scratch.CountsFor(ActiveSlots);
        featureColumns.Clear();
        featureValues.Clear();
        foreach (var slot in slots)
        {
            var column = columns[slot];
            if (column >= 0 && counts[column]++ == 0)
            {
                featureColumns.Add(column);
            }
        }

        double charNorm = 0, wordNorm = 0;
        foreach (var column in featureColumns)
        {
            var tf = counts[column];
            counts[column] = 0;
            var value = (tf == 1 ? 1f : (float)(1.0 + Math.Log(tf))) * columnWeights[column];
            featureValues.Add(value);
            if (column < charColumns)
            {
                charNorm += (double)value * value;
            }
            else
            {
                wordNorm += (double)value * value;
            }
        }

        var charScale = charNorm > 0 ? (float)(OutputScale / Math.Sqrt(charNorm)) : 1f;
        var wordScale = wordNorm > 0 ? (float)(OutputScale / Math.Sqrt(wordNorm)) : 1f;
        for (var i = 0; i < featureColumns.Count; i++)
        {
            featureValues[i] *= featureColumns[i] < charColumns ? charScale : wordScale;
        }
    }

    public void Save(string path)
    {
        using var file = File.Create(path);
        using var zip = new GZipStream(file, CompressionLevel.SmallestSize);
        using var writer = new BinaryWriter(zip, Encoding.UTF8);
        writer.Write(Magic);
        writer.Write(Settings.CharNgrams);
        writer.Write(Settings.WordNgrams);
        writer.Write(Settings.CharBits);
        writer.Write(Settings.WordBits);
        writer.Write(Settings.MinDocumentFrequency);
        writer.Write(Settings.NaiveBayes);
        writer.Write(TrainingRows);
        writer.Write(OutputScale);
        var active = ActiveSlots;
        writer.Write(active);
        var previous = 0;
        for (var s = 0; s < weights.Length; s++)
        {
            if (weights[s] != 0f)
            {
                writer.Write7BitEncodedInt(s - previous);
                writer.Write(weights[s]);
                previous = s;
            }
        }
    }

    public static HashedFeatureSpace Load(string path)
    {
        using var file = File.OpenRead(path);
        using var zip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new BinaryReader(zip, Encoding.UTF8);
        var magic = reader.ReadString();
        if (magic != Magic && magic != MagicWithoutScale)
        {
            throw new InvalidDataException($"'{path}' is not a feature file of this version (found '{magic}', expected '{Magic}').");
        }

        var settings = new HashedFeatureSettings
        {
            CharNgrams = reader.ReadInt32(),
            WordNgrams = reader.ReadInt32(),
            CharBits = reader.ReadInt32(),
            WordBits = reader.ReadInt32(),
            MinDocumentFrequency = reader.ReadInt32(),
            NaiveBayes = reader.ReadBoolean(),
        };
        var rows = reader.ReadInt32();
        var outputScale = magic == Magic ? reader.ReadSingle() : 1f;
        if (!(outputScale > 0) || float.IsInfinity(outputScale))
        {
            throw new InvalidDataException($"'{path}': output scale {outputScale} is not a positive finite number.");
        }

        var active = reader.ReadInt32();
        var weights = new float[settings.SlotCount];
        var slot = 0;
        for (var i = 0; i < active; i++)
        {
            slot += reader.Read7BitEncodedInt();
            if ((uint)slot >= (uint)weights.Length)
            {
                throw new InvalidDataException($"'{path}': slot {slot} is outside the feature space of {weights.Length} slots.");
            }

            weights[slot] = reader.ReadSingle();
        }

        return new HashedFeatureSpace(settings, weights, rows, outputScale);
    }

    public string Describe()
    {
        var c = CultureInfo.InvariantCulture;
        var stretched = OutputScale == 1f ? string.Empty : string.Create(c, $" and stretched to length {OutputScale:F3} (the calibration temperature)");
        return string.Create(
            c,
            $"our hashed features (`{FileName}` beside the model): character 1–{Settings.CharNgrams}-grams of the lower-cased raw text (2^{Settings.CharBits} slots) + " +
            $"word 1–{Settings.WordNgrams}-grams over the pipeline's segmenter tokens with negation scope marked '!' and Weibo emoticons like [怒] as one token " +
            $"(2^{Settings.WordBits} slots); sublinear tf 1+ln(tf) × smoothed IDF{(Settings.NaiveBayes ? " × naive-Bayes log-count ratio" : string.Empty)}, " +
            $"slots seen in fewer than {Settings.MinDocumentFrequency} training rows dropped ({ActiveSlots:N0} slots kept), each block L2-normalized{stretched}");
    }

    private static void Normalize(float[] values, int start, int end, double sumOfSquares, float length)
    {
        if (sumOfSquares <= 0)
        {
            return;
        }

        var scale = (float)(length / Math.Sqrt(sumOfSquares));
        for (var i = start; i < end; i++)
        {
            values[i] *= scale;
        }
    }

    /// <summary>Every n-gram occurrence of a text as its slot (with repeats, unsorted): character block first, then words.</summary>
    internal static void AppendSlots(HashedFeatureSettings settings, string text, IReadOnlyList<string> tokens, List<int> slots, List<ulong> tokenHashes) =>
        AppendSlots(settings, text, tokens, slots, tokenHashes, tagLengths: false);

    /// <summary>
    /// <see cref="AppendSlots(HashedFeatureSettings, string, IReadOnlyList{string}, List{int}, List{ulong})"/> with each
    /// n-gram's length n stored above the slot (<c>slot | n &lt;&lt; <see cref="LengthShift"/></c>), for scoring models
    /// with shorter n-grams from the same pass.
    /// </summary>
    internal static void AppendTaggedSlots(HashedFeatureSettings settings, string text, IReadOnlyList<string> tokens, List<int> slots, List<ulong> tokenHashes) =>
        AppendSlots(settings, text, tokens, slots, tokenHashes, tagLengths: true);

    /// <summary>Where <see cref="AppendTaggedSlots"/> puts the n-gram length; slots are below 2^24.</summary>
    internal const int LengthShift = 24;

    private static void AppendSlots(HashedFeatureSettings settings, string text, IReadOnlyList<string> tokens, List<int> slots, List<ulong> tokenHashes, bool tagLengths)
    {
        var charMask = (1 << settings.CharBits) - 1;
        var normalized = SentimentFeatureText.Text(text);
        for (var i = 0; i < normalized.Length; i++)
        {
            var h = CharSeed;
            for (var n = 0; n < settings.CharNgrams && i + n < normalized.Length; n++)
            {
                h = (h ^ normalized[i + n]) * FnvPrime;
                slots.Add((Fold(h) & charMask) | (tagLengths ? (n + 1) << LengthShift : 0));
            }
        }

        var wordOffset = 1 << settings.CharBits;
        var wordMask = (1 << settings.WordBits) - 1;
        var words = SentimentFeatureText.MarkedWords(tokens);
        words.AddRange(SentimentFeatureText.Emoticons(normalized));
        tokenHashes.Clear();
        foreach (var word in words)
        {
            var h = FnvOffset;
            foreach (var ch in word)
            {
                h = (h ^ ch) * FnvPrime;
            }

            tokenHashes.Add(h);
        }

        for (var i = 0; i < tokenHashes.Count; i++)
        {
            var h = WordSeed;
            for (var n = 0; n < settings.WordNgrams && i + n < tokenHashes.Count; n++)
            {
                h = ((h ^ GramSeparator) * FnvPrime ^ tokenHashes[i + n]) * FnvPrime;
                slots.Add((wordOffset + (Fold(h) & wordMask)) | (tagLengths ? (n + 1) << LengthShift : 0));
            }
        }
    }

    private static int Fold(ulong h) => (int)((h ^ (h >> 31) ^ (h >> 47)) & int.MaxValue);

    /// <summary>Per-thread buffers, so featurizing allocates only the result vector and stays thread-safe.</summary>
    private sealed class Scratch
    {
        [ThreadStatic]
        private static Scratch? current;

        public static Scratch Current => current ??= new Scratch();

        public List<int> Slots { get; } = new(1024);

        public List<ulong> TokenHashes { get; } = new(256);

        /// <summary>Term counts by column, all zero between calls (the caller resets what it counted).</summary>
        private int[] counts = [];

        public int[] CountsFor(int columnCount)
        {
            if (counts.Length < columnCount)
            {
                counts = new int[columnCount];
            }

            return counts;
        }
    }
}

/// <summary>Per slot, the number of documents it occurs in, and the number of documents.</summary>
internal sealed record DocumentCounts(int[] Frequencies, int Documents);

/// <summary>The shape of a <see cref="HashedFeatureSpace"/>; stored in its file.</summary>
internal sealed record HashedFeatureSettings
{
    public int CharNgrams { get; init; } = 4;

    public int WordNgrams { get; init; } = 2;

    public int CharBits { get; init; } = 20;

    public int WordBits { get; init; } = 20;

    public int MinDocumentFrequency { get; init; } = 2;

    /// <summary>Binary tasks only: multiply each slot weight by its naive-Bayes log-count ratio.</summary>
    public bool NaiveBayes { get; init; }

    public int SlotCount => (1 << CharBits) + (1 << WordBits);
}
