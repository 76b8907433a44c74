using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatMessageCryptTests
{
    private static readonly byte[] FixedRandom = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];

    private static WeChatMessageCrypt Crypt(string? previousKey = null, string appId = SafeModeSample.AppId) =>
        new(SafeModeSample.Token, appId, SafeModeSample.EncodingAesKey, previousKey);

    private static WeChatDecryptResult DecryptSigned(WeChatMessageCrypt crypt, string encrypt, string timestamp = "1714037059", string nonce = "486452656") =>
        crypt.Decrypt(WeChatSignature.ComputeMsgSignature(SafeModeSample.Token, timestamp, nonce, encrypt), timestamp, nonce, encrypt);

    [Fact]
    public void TheOfficialSampleDecryptsToTheDocumentedTextMessage()
    {
        var result = Crypt().Decrypt(SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(WeChatKeySlot.Current, result.Key);
        Assert.Equal(280, Encoding.UTF8.GetByteCount(result.Message));
        var parsed = WeChatInboundParser.Parse(result.Message);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? null : parsed.Reason);
        Assert.Equal("gh_10f6c3c3ac5a", parsed.Inbound.ToUserName);
        Assert.Equal("oyORnuP8q7ou2gfYjqLzSIWZf0rs", parsed.Inbound.FromUserName);
        Assert.Equal(1409735668, parsed.Inbound.CreateTime);
        Assert.Equal("text", parsed.Inbound.MsgType);
        Assert.Equal("abcdteT", parsed.Inbound.Content);
        Assert.Equal(6054768590064713728, parsed.Inbound.MsgId);
    }

    [Fact]
    public void TheOfficialSampleSignatureIsTheDocumentedOne()
    {
        Assert.Equal(SafeModeSample.MsgSignature, WeChatSignature.ComputeMsgSignature(
            SafeModeSample.Token, SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt));
    }

    [Fact]
    public void TheOfficialSampleIsRefusedUnderAnotherAppId()
    {
        var result = Crypt(appId: "wx0000000000000000").Decrypt(
            SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);

        Assert.False(result.IsSuccess);
        Assert.Equal("AppID 'wx2c2769f8efd9abc2' does not match the configured AppID", result.Error);
    }

    [Fact]
    public void AWrongSignatureIsRefusedBeforeDecrypting()
    {
        var result = Crypt().Decrypt("0000000000000000000000000000000000000000", SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);
        Assert.Equal("msg_signature does not match", result.Error);
    }

    [Fact]
    public void AnUppercaseSignatureStillMatches()
    {
        var result = Crypt().Decrypt(SafeModeSample.MsgSignature.ToUpperInvariant(), SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);
        Assert.True(result.IsSuccess, result.Error);
    }

    [Fact]
    public void MissingQueryParametersAreAReasonNotAnException()
    {
        var result = Crypt().Decrypt(null, null, null, SafeModeSample.Encrypt);
        Assert.False(result.IsSuccess);
        Assert.Contains("msg_signature, timestamp and nonce are required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptThenDecryptGivesBackTheMessage()
    {
        var crypt = Crypt();
        const string message = "<xml><Content><![CDATA[县医院门口的路灯坏了 😀]]></Content></xml>";

        var result = DecryptSigned(crypt, crypt.Encrypt(message, WeChatKeySlot.Current, FixedRandom));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(message, result.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("<xml>twelve</xml>")]
    public void CiphertextIsAlwaysAMultipleOf32Bytes(string message)
    {
        var encrypt = Crypt().Encrypt(message, WeChatKeySlot.Current, FixedRandom);
        Assert.Equal(0, Convert.FromBase64String(encrypt).Length % 32);
        Assert.True(DecryptSigned(Crypt(), encrypt).IsSuccess);
    }

    [Fact]
    public void TheEncryptedReplyCarriesAValidSignatureAndDecrypts()
    {
        var crypt = Crypt();
        var reply = WeChatPassiveReply.Text("oyORnuP8q7ou2gfYjqLzSIWZf0rs", "gh_10f6c3c3ac5a", "已收到", DateTimeOffset.FromUnixTimeSeconds(1409735670));

        var body = XElement.Parse(crypt.EncryptReply(reply, "1409735670", "abc123"));

        Assert.Equal("xml", body.Name.LocalName);
        Assert.Equal(["Encrypt", "MsgSignature", "TimeStamp", "Nonce"], body.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("1409735670", body.Element("TimeStamp")!.Value);
        Assert.Equal("abc123", body.Element("Nonce")!.Value);
        var result = crypt.Decrypt(body.Element("MsgSignature")!.Value, "1409735670", "abc123", body.Element("Encrypt")!.Value);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(reply, result.Message);
    }

    [Fact]
    public void ATamperedCiphertextIsRefusedByTheSignature()
    {
        var bytes = Convert.FromBase64String(SafeModeSample.Encrypt);
        bytes[100] ^= 1;
        var tampered = Convert.ToBase64String(bytes);

        var result = Crypt().Decrypt(SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, tampered);

        Assert.Equal("msg_signature does not match", result.Error);
    }

    [Fact]
    public void ATamperedButReSignedCiphertextFailsTheLayoutChecks()
    {
        // The attacker would need the Token to re-sign; this checks decryption itself still refuses garbage.
        var bytes = Convert.FromBase64String(SafeModeSample.Encrypt);
        bytes[^1] ^= 0x55;

        var result = DecryptSigned(Crypt(), Convert.ToBase64String(bytes));

        Assert.False(result.IsSuccess);
        Assert.Matches("padding|AppID|length|UTF-8", result.Error);
    }

    [Fact]
    public void ABadPaddingValueIsNamed()
    {
        var plain = new byte[32]; // last byte 0
        var result = DecryptSigned(Crypt(), EncryptRaw(plain));
        Assert.Equal("padding value 0 is not 1..32", result.Error);
    }

    [Fact]
    public void ALengthBeyondTheDecryptedBytesIsNamed()
    {
        var plain = new byte[64];
        plain[16] = 0;
        plain[17] = 0;
        plain[18] = 0x27;
        plain[19] = 0x0F; // 9999
        plain.AsSpan(32).Fill(32);

        var result = DecryptSigned(Crypt(), EncryptRaw(plain));

        Assert.Equal("message length 9999 exceeds the decrypted size (12 bytes after the random prefix and length)", result.Error);
    }

    [Fact]
    public void BadBase64IsNamed()
    {
        var result = DecryptSigned(Crypt(), "not*base64");
        Assert.StartsWith("Encrypt is not valid Base64", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ACiphertextThatIsNotWholeBlocksIsNamed()
    {
        var result = DecryptSigned(Crypt(), Convert.ToBase64String(new byte[20]));
        Assert.Equal("ciphertext is 20 bytes; AES-CBC needs a non-zero multiple of 16", result.Error);
    }

    [Fact]
    public void AMessageEncryptedWithThePreviousKeyDecryptsAndTheReplyUsesThatKey()
    {
        var before = new WeChatMessageCrypt(SafeModeSample.Token, SafeModeSample.AppId, SafeModeSample.OtherEncodingAesKey);
        var rotated = Crypt(previousKey: SafeModeSample.OtherEncodingAesKey);
        var encrypt = before.Encrypt("<xml>old key</xml>", WeChatKeySlot.Current, FixedRandom);

        var result = DecryptSigned(rotated, encrypt);

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(WeChatKeySlot.Previous, result.Key);
        var reply = XElement.Parse(rotated.EncryptReply("<xml>reply</xml>", "1714037060", "n1", result.Key));
        var readByOldKeyOnly = before.Decrypt(reply.Element("MsgSignature")!.Value, "1714037060", "n1", reply.Element("Encrypt")!.Value);
        Assert.True(readByOldKeyOnly.IsSuccess, readByOldKeyOnly.Error);
        Assert.Equal("<xml>reply</xml>", readByOldKeyOnly.Message);
    }

    [Fact]
    public void TheCurrentKeyIsTriedFirst()
    {
        var rotated = Crypt(previousKey: SafeModeSample.OtherEncodingAesKey);
        var result = rotated.Decrypt(SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);
        Assert.Equal(WeChatKeySlot.Current, result.Key);
    }

    [Fact]
    public void WhenNeitherKeyFitsBothReasonsAreGiven()
    {
        var crypt = new WeChatMessageCrypt(SafeModeSample.Token, SafeModeSample.AppId, SafeModeSample.OtherEncodingAesKey, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFG");
        var result = crypt.Decrypt(SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, SafeModeSample.Encrypt);
        Assert.StartsWith("with the current EncodingAESKey: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("; with the previous one: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplyingWithThePreviousKeyWhenNoneIsConfiguredIsABug()
    {
        Assert.Throws<ArgumentException>(() => Crypt().EncryptReply("<xml/>", "1", "n", WeChatKeySlot.Previous));
    }

    [Fact]
    public void ABadEncodingAesKeyIsRefusedAtConstruction()
    {
        Assert.Throws<ArgumentException>(() => new WeChatMessageCrypt("spamtest", "wx1", "short"));
    }

    [Fact]
    public void PlainModeOptionsGiveNoCrypt()
    {
        Assert.Null(WeChatMessageCrypt.Create(new WeChatOptions { Token = "AAAAA" }));
        Assert.NotNull(WeChatMessageCrypt.Create(new WeChatOptions
        {
            Token = SafeModeSample.Token,
            AppId = SafeModeSample.AppId,
            EncodingAESKey = SafeModeSample.EncodingAesKey,
        }));
    }

    private static string EncryptRaw(byte[] plain)
    {
        var key = Convert.FromBase64String(SafeModeSample.EncodingAesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }
}
