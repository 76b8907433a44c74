using System.Security.Cryptography;
using System.Text;

namespace Monitor.Nlp.Segmentation;

/// <summary>The dictionary version recorded with every analysis: the jieba release plus a hash of the user words.</summary>
internal static class UserWordsVersion
{
    /// <summary>The jieba dictionary release that jieba.NET 0.42.2 ships (dict.txt equals Python jieba 0.42.1's).</summary>
    public const string Base = "jieba-0.42.1";

    /// <summary>"jieba-0.42.1" without user words, else "jieba-0.42.1+" and 8 hex digits of SHA-256 over the words as read.</summary>
    public static string Of(IReadOnlyCollection<UserWord> words)
    {
        if (words.Count == 0)
        {
            return Base;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var word in words)
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{word.Word}\t{word.Frequency}\t{word.Tag}\n"));
        }

        return Base + "+" + Convert.ToHexStringLower(hash.GetCurrentHash().AsSpan(0, 4));
    }
}
