using System.Runtime.CompilerServices;

namespace Monitor.Nlp.Segmentation;

/// <summary>
/// jieba's prefix dictionary (every word and every prefix of a word) as an immutable trie: the root's children in a
/// direct table indexed by char, deeper edges in one open-addressing hash table keyed by (node, char). Each node holds
/// the word's frequency (0 for a prefix that is not a word) and the precomputed <c>log(freq) - log(total)</c>.
/// Never mutated after construction, so any number of threads may read it; new words mean a new instance.
/// </summary>
internal sealed class PrefixDictionary
{
    private readonly int[] rootChildren;
    private readonly long[] edgeKeys;
    private readonly int[] edgeChildren;
    private readonly int edgeShift;
    private readonly int[] frequencies;
    private readonly double[] logProbabilities;
    private readonly string?[] tags;

    // Lazily filled cache of the word strings: a benign race (reference writes are atomic; at worst a word is
    // materialised twice), it makes dictionary tokens allocation-free after their first occurrence.
    private readonly string?[] wordStrings;

    internal PrefixDictionary(
        int[] rootChildren, long[] edgeKeys, int[] edgeChildren, int[] frequencies, string?[] tags, double total, int wordCount, string version)
    {
        this.rootChildren = rootChildren;
        this.edgeKeys = edgeKeys;
        this.edgeChildren = edgeChildren;
        edgeShift = 64 - System.Numerics.BitOperations.Log2((uint)edgeKeys.Length);
        this.frequencies = frequencies;
        this.tags = tags;
        Total = total;
        WordCount = wordCount;
        Version = version;
        LogTotal = Math.Log(total);
        logProbabilities = new double[frequencies.Length];
        for (var i = 0; i < frequencies.Length; i++)
        {
            // Same expression and order as jieba.NET's Calc: Math.Log(freq) - logtotal (+ route added later).
            logProbabilities[i] = Math.Log(frequencies[i] > 0 ? frequencies[i] : 1) - LogTotal;
        }

        UnknownLogProbability = Math.Log(1) - LogTotal;
        wordStrings = new string?[frequencies.Length];
    }

    /// <summary>Sum of all word frequencies (jieba's <c>total</c>).</summary>
    public double Total { get; }

    public double LogTotal { get; }

    /// <summary><c>log(1) - log(total)</c>: the score of a character that is not a word.</summary>
    public double UnknownLogProbability { get; }

    public int WordCount { get; }

    public int NodeCount => frequencies.Length;

    /// <summary>"jieba-0.42.1" or "jieba-0.42.1+" and a short hash of the user dictionaries.</summary>
    public string Version { get; }

    /// <summary>The child of the root for <paramref name="c"/>, or 0 when no word starts with it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Root(char c) => rootChildren[c];

    /// <summary>The child of <paramref name="node"/> along <paramref name="c"/>, or 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Child(int node, char c)
    {
        var key = ((long)node << 16) | c;
        var keys = edgeKeys;
        var mask = keys.Length - 1;
        var slot = (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> edgeShift);
        while (true)
        {
            var k = keys[slot];
            if (k == key)
            {
                return edgeChildren[slot];
            }

            if (k == 0)
            {
                return 0;
            }

            slot = (slot + 1) & mask;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsWord(int node) => frequencies[node] > 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double LogProbability(int node) => logProbabilities[node];

    public int Frequency(int node) => frequencies[node];

    public string? Tag(int node) => tags[node];

    /// <summary>The node of <paramref name="word"/> (word or prefix), or 0.</summary>
    public int Find(ReadOnlySpan<char> word)
    {
        if (word.IsEmpty)
        {
            return 0;
        }

        var node = rootChildren[word[0]];
        for (var i = 1; i < word.Length && node != 0; i++)
        {
            node = Child(node, word[i]);
        }

        return node;
    }

    /// <summary>jieba's <c>FREQ.get(word)</c> is truthy: a word with a positive frequency.</summary>
    public bool ContainsWord(ReadOnlySpan<char> word)
    {
        var node = Find(word);
        return node != 0 && frequencies[node] > 0;
    }

    /// <summary>Frequency of <paramref name="word"/>, 0 when it is no word.</summary>
    public int FrequencyOf(ReadOnlySpan<char> word)
    {
        var node = Find(word);
        return node == 0 ? 0 : frequencies[node];
    }

    /// <summary>POS tag of <paramref name="word"/>, or null.</summary>
    public string? TagOf(ReadOnlySpan<char> word)
    {
        var node = Find(word);
        return node == 0 ? null : tags[node];
    }

    /// <summary>The string of the word ending at <paramref name="node"/>, cached after first use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string WordString(int node, ReadOnlySpan<char> text) => wordStrings[node] ??= new string(text);
}
