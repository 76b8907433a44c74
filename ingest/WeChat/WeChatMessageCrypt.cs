using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Monitor.Ingest.WeChat;

/// <summary>
/// Safe and compatible mode (WECHAT.md §4): verifies <c>msg_signature</c>, decrypts the <c>Encrypt</c> value with the
/// current EncodingAESKey and then the previous one, and encrypts replies. AES-256-CBC, IV = first 16 bytes of the key,
/// PKCS#7 padding to a multiple of 32 bytes; plaintext = 16 random bytes ‖ 4-byte big-endian length ‖ message ‖ AppID.
/// Thread-safe. Bad input is a <see cref="WeChatDecryptResult"/> failure, never an exception.
/// </summary>
public sealed class WeChatMessageCrypt
{
    private const int KeyBytes = 32;
    private const int BlockSize = 32;
    private const int RandomBytes = 16;
    private const int LengthBytes = 4;
    private const int MaxQuotedLength = 64;

    private readonly string token;
    private readonly string appId;
    private readonly byte[] currentKey;
    private readonly byte[]? previousKey;

    public WeChatMessageCrypt(string token, string appId, string encodingAesKey, string? previousEncodingAesKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        this.token = token;
        this.appId = appId;
        currentKey = DecodeKey(encodingAesKey, nameof(encodingAesKey));
        previousKey = string.IsNullOrEmpty(previousEncodingAesKey) ? null : DecodeKey(previousEncodingAesKey, nameof(previousEncodingAesKey));
    }

    /// <summary>Null in plain mode (no EncodingAESKey configured); otherwise the crypt for the configured keys.</summary>
    public static WeChatMessageCrypt? Create(WeChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.EncodingAESKey)
            ? null
            : new WeChatMessageCrypt(options.Token, options.AppId, options.EncodingAESKey, options.PreviousEncodingAESKey);
    }

    public bool HasPreviousKey => previousKey is not null;

    /// <summary>
    /// Checks <paramref name="msgSignature"/> over Token, timestamp, nonce and <paramref name="encrypt"/> in fixed time,
    /// then decrypts with the current key and, if that fails, the previous one.
    /// </summary>
    public WeChatDecryptResult Decrypt(string? msgSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (string.IsNullOrEmpty(msgSignature) || timestamp is null || nonce is null)
        {
            return WeChatDecryptResult.Failure("msg_signature, timestamp and nonce are required in safe and compatible mode");
        }

        if (string.IsNullOrEmpty(encrypt))
        {
            return WeChatDecryptResult.Failure("Encrypt is empty; it must hold the Base64 ciphertext");
        }

        if (!WeChatSignature.VerifyMsgSignature(token, timestamp, nonce, encrypt, msgSignature))
        {
            return WeChatDecryptResult.Failure("msg_signature does not match");
        }

        var cipher = new byte[encrypt.Length];
        if (!Convert.TryFromBase64String(encrypt, cipher, out var written))
        {
            return WeChatDecryptResult.Failure(string.Create(CultureInfo.InvariantCulture,
                $"Encrypt is not valid Base64 ({encrypt.Length} characters)"));
        }

        cipher = cipher[..written];
        if (written == 0 || written % 16 != 0)
        {
            return WeChatDecryptResult.Failure(string.Create(CultureInfo.InvariantCulture,
                $"ciphertext is {written} bytes; AES-CBC needs a non-zero multiple of 16"));
        }

        var current = TryDecrypt(currentKey, cipher, out var message);
        if (current is null)
        {
            return WeChatDecryptResult.Success(message!, WeChatKeySlot.Current);
        }

        if (previousKey is null)
        {
            return WeChatDecryptResult.Failure(current);
        }

        var previous = TryDecrypt(previousKey, cipher, out message);
        return previous is null
            ? WeChatDecryptResult.Success(message!, WeChatKeySlot.Previous)
            : WeChatDecryptResult.Failure($"with the current EncodingAESKey: {current}; with the previous one: {previous}");
    }

    /// <summary>
    /// The encrypted reply body <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c> for
    /// <paramref name="replyXml"/>, encrypted with <paramref name="key"/> (use the slot that decrypted the request).
    /// </summary>
    public string EncryptReply(string replyXml, string timestamp, string nonce, WeChatKeySlot key = WeChatKeySlot.Current)
    {
        ArgumentNullException.ThrowIfNull(replyXml);
        RequireAsciiAlphanumeric(timestamp, nameof(timestamp));
        RequireAsciiAlphanumeric(nonce, nameof(nonce));
        var encrypt = Encrypt(replyXml, key, RandomNumberGenerator.GetBytes(RandomBytes));
        var signature = WeChatSignature.ComputeMsgSignature(token, timestamp, nonce, encrypt);
        return $"<xml><Encrypt><![CDATA[{encrypt}]]></Encrypt><MsgSignature><![CDATA[{signature}]]></MsgSignature><TimeStamp>{timestamp}</TimeStamp><Nonce><![CDATA[{nonce}]]></Nonce></xml>";
    }

    /// <summary>The Base64 <c>Encrypt</c> value for <paramref name="message"/>, with the given 16 random bytes.</summary>
    internal string Encrypt(string message, WeChatKeySlot key, ReadOnlySpan<byte> random)
    {
        var aesKey = key == WeChatKeySlot.Previous
            ? previousKey ?? throw new ArgumentException("No previous EncodingAESKey is configured.", nameof(key))
            : currentKey;
        if (random.Length != RandomBytes)
        {
            throw new ArgumentException($"The random prefix must be {RandomBytes} bytes.", nameof(random));
        }

        var messageBytes = Encoding.UTF8.GetBytes(message);
        var appIdBytes = Encoding.UTF8.GetBytes(appId);
        var length = RandomBytes + LengthBytes + messageBytes.Length + appIdBytes.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomBytes), messageBytes.Length);
        messageBytes.CopyTo(plain, RandomBytes + LengthBytes);
        appIdBytes.CopyTo(plain, RandomBytes + LengthBytes + messageBytes.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = aesKey;
        return Convert.ToBase64String(aes.EncryptCbc(plain, aesKey.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>Null when <paramref name="cipher"/> decrypted to a message for our AppID; otherwise the reason.</summary>
    private string? TryDecrypt(byte[] aesKey, byte[] cipher, out string? message)
    {
        message = null;
        byte[] plain;
        using (var aes = Aes.Create())
        {
            aes.Key = aesKey;
            plain = aes.DecryptCbc(cipher, aesKey.AsSpan(0, 16), PaddingMode.None);
        }

        int pad = plain[^1];
        if (pad is < 1 or > BlockSize)
        {
            return string.Create(CultureInfo.InvariantCulture, $"padding value {pad} is not 1..{BlockSize}");
        }

        if (pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the last {pad} padding bytes are not all {pad}");
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < RandomBytes + LengthBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"decrypted content is {content.Length} bytes; at least {RandomBytes + LengthBytes} are needed");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[RandomBytes..]);
        var available = content.Length - RandomBytes - LengthBytes;
        if (messageLength > (uint)available)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"message length {messageLength} exceeds the decrypted size ({available} bytes after the random prefix and length)");
        }

        var messageBytes = content.Slice(RandomBytes + LengthBytes, (int)messageLength);
        var trailing = content[(RandomBytes + LengthBytes + (int)messageLength)..];
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        string receivedAppId;
        try
        {
            receivedAppId = strict.GetString(trailing);
        }
        catch (DecoderFallbackException)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the trailing AppID ({trailing.Length} bytes) is not UTF-8; it does not match the configured AppID");
        }

        if (!string.Equals(receivedAppId, appId, StringComparison.Ordinal))
        {
            return $"AppID '{Quote(receivedAppId)}' does not match the configured AppID";
        }

        try
        {
            message = strict.GetString(messageBytes);
        }
        catch (DecoderFallbackException)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the message ({messageLength} bytes) is not valid UTF-8");
        }

        return null;
    }

    private static byte[] DecodeKey(string encodingAesKey, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(encodingAesKey, parameterName);
        var key = new byte[KeyBytes + 2];
        if (encodingAesKey.Length != 43
            || !encodingAesKey.All(char.IsAsciiLetterOrDigit)
            || !Convert.TryFromBase64String(encodingAesKey + "=", key, out var written)
            || written != KeyBytes)
        {
            throw new ArgumentException("An EncodingAESKey is 43 characters from A–Z, a–z, 0–9 (Base64 of 32 bytes without the trailing '=').", parameterName);
        }

        return key[..KeyBytes];
    }

    private static void RequireAsciiAlphanumeric(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        if (!value.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException("Timestamp and nonce of a reply must be ASCII letters and digits.", parameterName);
        }
    }

    private static string Quote(string value)
    {
        var printable = new string([.. value.Select(c => char.IsControl(c) ? '\uFFFD' : c)]);
        return printable.Length <= MaxQuotedLength ? printable : string.Concat(printable.AsSpan(0, MaxQuotedLength), "…");
    }
}
