using System.Security.Cryptography;
using System.Text;

namespace Monitor.Ingest.Privacy;

/// <summary>
/// Turns a personal identifier (an OpenID, a phone number, a name) into a stable pseudonym with a keyed
/// HMAC-SHA256: <c>u_</c> + 20 lowercase base32 characters (100 bits). Without the key the mapping cannot be
/// recomputed or reversed; erasing a user means deleting the rows that carry their pseudonym.
/// Thread-safe. Never log the raw identifier.
/// </summary>
public sealed class Pseudonymizer
{
    public const int MinKeyBytes = 32;
    public const string Prefix = "u_";
    public const string KeyFileName = "pseudonym.key";

    private const int PseudonymChars = 20;
    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly byte[] key;

    public Pseudonymizer(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The pseudonym key has {key.Length} bytes; it needs at least {MinKeyBytes}.", nameof(key));
        }

        this.key = key.ToArray();
    }

    public string Pseudonymize(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(identifier), hash);

        Span<char> chars = stackalloc char[Prefix.Length + PseudonymChars];
        Prefix.AsSpan().CopyTo(chars);
        // Take 5 bits at a time from the start of the hash.
        for (var i = 0; i < PseudonymChars; i++)
        {
            var bit = i * 5;
            var pair = (hash[bit / 8] << 8) | hash[(bit / 8) + 1];
            chars[Prefix.Length + i] = Base32Alphabet[(pair >> (11 - (bit % 8))) & 31];
        }

        return new string(chars);
    }

    /// <summary>
    /// Reads <c>&lt;dataDirectory&gt;/pseudonym.key</c>, or creates it with 32 random bytes (mode 600 on Unix) when
    /// missing. Losing this file changes every future pseudonym: back it up with the data.
    /// </summary>
    public static byte[] LoadOrCreateKey(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        var key = File.ReadAllBytes(path);
        if (key.Length < MinKeyBytes)
        {
            throw new InvalidDataException(
                $"The pseudonym key file '{path}' has {key.Length} bytes; it needs at least {MinKeyBytes}. Restore it from backup; deleting it changes every pseudonym.");
        }

        return key;
    }

    private static void TryCreate(string path)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(RandomNumberGenerator.GetBytes(MinKeyBytes));
                stream.Flush(flushToDisk: true);
            }

            // Another process may have won the race; then its key stands and ours is dropped.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
