using System.Numerics;
using System.Runtime.InteropServices;

namespace Monitor.Nlp.FastScoring;

/// <summary>
/// The features our text models are trained on — hashed word 1…n-grams of the space-joined tokens and hashed
/// character 1…m-grams of the normalised text, counts, each block L2-normalised, word block first — computed the way
/// ML.NET's <c>ProduceHashedWordBags</c>, <c>TokenizeIntoCharactersAsKeys</c> + <c>ProduceHashedNgrams</c>,
/// <c>NormalizeLpNorm</c> and <c>Concatenate</c> compute them (MurmurHash3 rounds over UTF-8-like bytes, seed
/// 314489979, ordered n-gram hashing), but in one pass without ML.NET's per-row machinery. Words are hashed by
/// ML.NET's own text hasher (<see cref="WordHashes"/>, cached); the n-gram hashing is written from the algorithm's
/// description. <see cref="FastScoringLoader"/> proves equality against ML.NET on probe texts before it is used.
/// </summary>
internal sealed class HashedNgramFeatures(int wordBits, int wordNgrams, int charBits, int charNgrams)
{
    private const uint Seed = 314489979;
    private const uint CharKeyCount = ushort.MaxValue;

    public int WordBits { get; } = wordBits;

    public int WordNgrams { get; } = wordNgrams;

    public int CharBits { get; } = charBits;

    public int CharNgrams { get; } = charNgrams;

    public int Length => (1 << WordBits) + (1 << CharBits);

    /// <summary>Fills <paramref name="features"/> (slot → value, cleared first) for one row.</summary>
    public void Compute(string words, string text, Dictionary<int, float> features, List<uint> keys) =>
        Compute(words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(WordKey).ToList(), text, features, keys);

    /// <summary>Fills <paramref name="features"/> for one row whose words are already hashed to keys.</summary>
    public void Compute(IReadOnlyList<uint> wordKeys, string text, Dictionary<int, float> features, List<uint> keys)
    {
        features.Clear();
        keys.Clear();
        keys.AddRange(wordKeys);
        AddNgrams(keys, WordNgrams, (1u << WordBits) - 1, 0, features);
        Normalize(features, 0, 1 << WordBits);
        keys.Clear();
        foreach (var c in text)
        {
            keys.Add(CharKey(c));
        }

        AddNgrams(keys, CharNgrams, (1u << CharBits) - 1, 1 << WordBits, features);
        Normalize(features, 1 << WordBits, Length);
    }

    /// <summary>A word's key: ML.NET's own 30-bit text hash plus one (0 stands for a missing value), cached per word.</summary>
    public static uint WordKey(string word) => WordHashes.KeyOf(word);

    /// <summary>The character key is the UTF-16 unit itself (0 counts as missing), missing above the key count.</summary>
    private static uint CharKey(char c) => c > CharKeyCount ? 0u : c;

    /// <summary>Every n-gram of length 1…<paramref name="n"/> starting at each position; a missing key (0) still takes part.</summary>
    private static void AddNgrams(List<uint> keys, int n, uint mask, int offset, Dictionary<int, float> features)
    {
        Span<uint> gram = stackalloc uint[n];
        for (var start = 0; start < keys.Count; start++)
        {
            for (var length = 1; length <= n && start + length <= keys.Count; length++)
            {
                gram[length - 1] = keys[start + length - 1];
                uint hash;
                if (length == 1)
                {
                    hash = gram[0];
                }
                else
                {
                    hash = Seed;
                    for (var i = 0; i < length; i++)
                    {
                        hash = Round(hash, gram[i]);
                    }

                    hash = Mix(Round(hash, (uint)length));
                }

                var slot = offset + (int)(Mix(hash) & mask);
                CollectionsMarshal.GetValueRefOrAddDefault(features, slot, out _) += 1;
            }
        }
    }

    private static void Normalize(Dictionary<int, float> features, int from, int to)
    {
        double sum = 0;
        foreach (var (slot, value) in features)
        {
            if (slot >= from && slot < to)
            {
                sum += value * value;
            }
        }

        if (sum == 0)
        {
            return;
        }

        var scale = (float)(1 / Math.Sqrt(sum));
        foreach (var slot in features.Keys)
        {
            if (slot >= from && slot < to)
            {
                // Through a reference: changing a value in place does not invalidate the key enumeration.
                CollectionsMarshal.GetValueRefOrNullRef(features, slot) *= scale;
            }
        }
    }

    private static uint Round(uint hash, uint chunk)
    {
        chunk *= 0xCC9E2D51;
        chunk = BitOperations.RotateLeft(chunk, 15);
        chunk *= 0x1B873593;
        hash ^= chunk;
        hash = BitOperations.RotateLeft(hash, 13);
        return (hash * 5) + 0xE6546B64;
    }

    private static uint Mix(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        hash ^= hash >> 16;
        return hash;
    }
}
