using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.ML.Transforms;

namespace Monitor.Nlp.FastScoring;

/// <summary>
/// The key ML.NET's word bags give a word: its text hasher (HashingTransformer's text hash, seed 314489979, 30 bits,
/// plus one), called directly instead of through a per-row pipeline and remembered per word (a vocabulary is small;
/// the cache stops growing at <see cref="MaxCached"/> words). The hasher is internal to ML.NET, so it is found by name;
/// when a future ML.NET renames it, <see cref="Available"/> is false and scoring stays on ML.NET.
/// </summary>
internal static class WordHashes
{
    private const uint Seed = 314489979;
    private const uint Mask = (1u << 30) - 1;
    private const int MaxCached = 2_000_000;

    private static readonly Func<string, uint>? Hasher = Create();
    private static readonly ConcurrentDictionary<string, uint> Cache = new(StringComparer.Ordinal);

    public static bool Available => Hasher is not null;

    public static uint KeyOf(string word)
    {
        if (Cache.TryGetValue(word, out var key))
        {
            return key;
        }

        key = word.Length == 0 ? 0 : (Hasher ?? throw new InvalidOperationException("ML.NET's text hasher was not found."))(word);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(word, key);
        }

        return key;
    }

    private static Func<string, uint>? Create()
    {
        var type = typeof(HashingTransformer).GetNestedType("HashText", BindingFlags.NonPublic | BindingFlags.Public);
        var method = type?.GetMethod(
            "HashCore",
            BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic,
            [typeof(uint), typeof(uint), typeof(ReadOnlyMemory<char>).MakeByRefType()]);
        if (type is null || method is null || method.ReturnType != typeof(uint))
        {
            return null;
        }

        var instance = Activator.CreateInstance(type);
        return word => (uint)method.Invoke(instance, [Seed, Mask, word.AsMemory()])!;
    }
}
