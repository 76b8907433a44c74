using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Monitor.Dashboard.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Dashboard.Tests.WeChat;

public sealed partial class WeChatSafeModeTests : IClassFixture<SafeModeAppFactory>
{
    private readonly SafeModeAppFactory _app;
    private readonly WeChatMessageCrypt _crypt = new(MonitorAppFactory.Token, SafeModeAppFactory.AppId, SafeModeAppFactory.EncodingAesKey);

    public WeChatSafeModeTests(SafeModeAppFactory app) => _app = app;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EncryptedMessageIsStoredOnceAndAnsweredWithAnEncryptedAcknowledgement()
    {
        using var client = _app.CreateClient();
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        var inner = SignedDelivery.TextXml(msgId, "举报有人在菜市场强收保护费，不交就砸摊子");

        var replies = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.SendAsync(EncryptedPost(inner, out var timestamp, out var nonce), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync(Token);
            var envelope = WeChatEnvelopeParser.Parse(body);
            Assert.True(envelope.IsSuccess, envelope.Error);
            var signature = Field(body, "MsgSignature");
            var decrypted = _crypt.Decrypt(signature, Field(body, "TimeStamp"), Field(body, "Nonce"), envelope.Envelope!.Encrypt);
            Assert.True(decrypted.IsSuccess, decrypted.Error);
            replies.Add(decrypted.Message!);
            Assert.Equal(timestamp, Field(body, "TimeStamp"));
            Assert.Equal(nonce, Field(body, "Nonce"));
        }

        var stored = (await _app.WaitForAnalysisAsync(1, Token)).Single(m => m.Message.SourceId == msgId);
        Assert.Equal(2, stored.DeliveryCount);
        Assert.All(replies, r => Assert.Contains(stored.CaseNumber, r, StringComparison.Ordinal));
        Assert.Equal("举报有人在菜市场强收保护费，不交就砸摊子", stored.Message.Text);
    }

    [Fact]
    public async Task EncryptedMessageWithAForgedMsgSignatureIsQuarantined()
    {
        using var client = _app.CreateClient();
        var request = EncryptedPost(SignedDelivery.TextXml("99", "伪造"), out _, out _);
        request.RequestUri = new Uri(Regex.Replace(request.RequestUri!.OriginalString, "msg_signature=[0-9a-f]+", "msg_signature=" + new string('a', 40)), UriKind.Relative);
        var before = await _app.Store.CountAsync(Token);

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("msg_signature", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var after = await _app.Store.CountAsync(Token);
        Assert.Equal(before.Rejected + 1, after.Rejected);
        Assert.Equal(before.Messages, after.Messages);
    }

    [Fact]
    public async Task DeliveryWithATimestampOutsideTheReplayWindowIsRefused()
    {
        using var client = _app.CreateClient();
        const string timestamp = "1409735669";
        const string nonce = "1320562132";
        var signature = WeChatSignature.Compute(MonitorAppFactory.Token, timestamp, nonce);
        using var content = new StringContent(SignedDelivery.TextXml("5", "旧消息"), Encoding.UTF8, "text/xml");

        using var response = await client.PostAsync($"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}", content, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpRequestMessage EncryptedPost(string innerXml, out string timestamp, out string nonce)
    {
        timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        nonce = Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        // An encrypted reply has the same envelope (Encrypt + MsgSignature) WeChat sends in safe mode.
        var envelope = _crypt.EncryptReply(innerXml, timestamp, nonce);
        var msgSignature = Field(envelope, "MsgSignature");
        var body = $"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[{Field(envelope, "Encrypt")}]]></Encrypt></xml>";
        var signature = WeChatSignature.Compute(MonitorAppFactory.Token, timestamp, nonce);
        return new HttpRequestMessage(
            HttpMethod.Post,
            $"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}&encrypt_type=aes&msg_signature={msgSignature}")
        {
            Content = new StringContent(body, Encoding.UTF8, "text/xml"),
        };
    }

    private static string Field(string xml, string name)
    {
        var match = Regex.Match(xml, $"<{name}>(?:<!\\[CDATA\\[)?(.*?)(?:\\]\\]>)?</{name}>");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"no <{name}> in {xml}");
    }
}
