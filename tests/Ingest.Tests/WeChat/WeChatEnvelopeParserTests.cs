using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatEnvelopeParserTests
{
    [Theory]
    [InlineData("safe-sample.xml")]
    [InlineData("safe-sample-compat.xml")]
    public void EncryptAndToUserNameAreReadFromSafeAndCompatibleBodies(string file)
    {
        var result = WeChatEnvelopeParser.Parse(TestFiles.Bytes("wechat", file));

        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(SafeModeSample.Encrypt, result.Envelope.Encrypt);
        Assert.Equal("gh_10f6c3c3ac5a", result.Envelope.ToUserName);
    }

    [Fact]
    public void TheCompatibleSampleDecryptsToTheSameMessageAsItsPlainFields()
    {
        var envelope = WeChatEnvelopeParser.Parse(TestFiles.Bytes("wechat", "safe-sample-compat.xml")).Envelope!;
        var crypt = new WeChatMessageCrypt(SafeModeSample.Token, SafeModeSample.AppId, SafeModeSample.EncodingAesKey);

        var decrypted = crypt.Decrypt(SafeModeSample.MsgSignature, SafeModeSample.Timestamp, SafeModeSample.Nonce, envelope.Encrypt);

        var inner = WeChatInboundParser.Parse(decrypted.Message!);
        var plain = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", "safe-sample-compat.xml"));
        Assert.Equal(plain.Inbound, inner.Inbound);
    }

    [Fact]
    public void ABodyWithADtdIsRefused()
    {
        var result = WeChatEnvelopeParser.Parse(TestFiles.Bytes("wechat", "safe-with-dtd.xml"));
        Assert.False(result.IsSuccess);
        Assert.StartsWith("body has a DTD", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void APlainBodyHasNoEncryptElement()
    {
        var result = WeChatEnvelopeParser.Parse(TestFiles.Bytes("wechat", "text.xml"));
        Assert.Equal("element <Encrypt> is missing; a safe- or compatible-mode push has it", result.Error);
    }

    [Theory]
    [InlineData("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>", "element <Encrypt> appears more than once")]
    [InlineData("<xml><Encrypt><x>a</x></Encrypt></xml>", "must hold Base64 text")]
    [InlineData("<xml><Encrypt> </Encrypt></xml>", "must hold Base64 text")]
    [InlineData("<root><Encrypt>a</Encrypt></root>", "root element is <root>")]
    [InlineData("<xml><Encrypt>a</Encrypt>", "not well-formed XML")]
    public void BrokenEnvelopesAreNamed(string body, string reason)
    {
        var result = WeChatEnvelopeParser.Parse(body);
        Assert.False(result.IsSuccess);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }
}
