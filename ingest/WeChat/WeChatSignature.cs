using System.Security.Cryptography;
using System.Text;

namespace Monitor.Ingest.WeChat;

/// <summary>
/// The callback signatures: lowercase hex SHA-1 of the ordinal-sorted concatenation of the parts
/// (WECHAT.md §1 for <c>signature</c>, §4 for <c>msg_signature</c>).
/// </summary>
public static class WeChatSignature
{
    /// <summary>The <c>signature</c> query parameter over Token, timestamp and nonce.</summary>
    public static string Compute(string token, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        return Sha1OfSorted([token, timestamp, nonce]);
    }

    /// <summary>The <c>msg_signature</c> query parameter over Token, timestamp, nonce and the Encrypt value.</summary>
    public static string ComputeMsgSignature(string token, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);
        return Sha1OfSorted([token, timestamp, nonce, encrypt]);
    }

    /// <summary>Checks a <c>signature</c> in fixed time; a missing or malformed signature is simply false.</summary>
    public static bool Verify(string token, string? timestamp, string? nonce, string? signature)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (timestamp is null || nonce is null || signature is null)
        {
            return false;
        }

        return FixedTimeEqualsAscii(Compute(token, timestamp, nonce), signature);
    }

    /// <summary>Checks a <c>msg_signature</c> in fixed time; a missing or malformed signature is simply false.</summary>
    public static bool VerifyMsgSignature(string token, string? timestamp, string? nonce, string? encrypt, string? msgSignature)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (timestamp is null || nonce is null || encrypt is null || msgSignature is null)
        {
            return false;
        }

        return FixedTimeEqualsAscii(ComputeMsgSignature(token, timestamp, nonce, encrypt), msgSignature);
    }

    private static string Sha1OfSorted(string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(string.Concat(parts));
#pragma warning disable CA5350 // SHA-1 is what the WeChat protocol mandates; it authenticates, it does not protect secrets.
        return Convert.ToHexStringLower(SHA1.HashData(bytes));
#pragma warning restore CA5350
    }

    private static bool FixedTimeEqualsAscii(string expected, string actual)
    {
        // Compare bytes of equal-length inputs; a length mismatch leaks only the (public) length of a SHA-1 hex string.
        var expectedBytes = Encoding.ASCII.GetBytes(expected);
        var actualBytes = Encoding.UTF8.GetBytes(actual.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expectedBytes, actualBytes);
    }
}
