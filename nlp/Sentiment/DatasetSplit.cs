using System.Text;

namespace Monitor.Nlp.Sentiment;

/// <summary>
/// The deterministic train/validation split shared by training and evaluation: a row is validation iff the
/// 64-bit FNV-1a hash of its review text's UTF-8 bytes is 0 mod 10 (about 10 % of rows, the same on every run,
/// machine and process, unlike <see cref="string.GetHashCode()"/>).
/// </summary>
public static class DatasetSplit
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    public static bool IsValidation(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return StableHash(text) % 10 == 0;
    }

    /// <summary>64-bit FNV-1a of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong StableHash(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var hash = FnvOffsetBasis;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }
}
