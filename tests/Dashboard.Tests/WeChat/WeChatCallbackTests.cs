using System.Net;
using System.Text;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.WeChat;

public sealed class WeChatCallbackTests : IClassFixture<MonitorAppFactory>
{
    private readonly MonitorAppFactory _app;

    public WeChatCallbackTests(MonitorAppFactory app) => _app = app;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UrlVerificationWithTheOfficialVectorEchoesEchostr()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(
            "/wechat/callback?signature=f464b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=4375120948345356249",
            Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4375120948345356249", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task UrlVerificationWithAWrongSignatureIsRefused()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(
            "/wechat/callback?signature=0000b24fc39322e44b38aa78f5edd27bd1441696&timestamp=1714036504&nonce=1514711492&echostr=1",
            Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task SignedMessagePostedThreeTimesIsStoredOnceAnalysedOnceAndAcknowledgedWithOneCaseNumber()
    {
        using var client = _app.CreateClient();
        const string msgId = "6054768590064713728";
        var xml = SignedDelivery.TextXml(msgId, "村口的河道被工厂排污染黑了，气味很大，请尽快处理！");

        // WeChat retries a message three times; two of them may overlap.
        var first = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, xml), Token);
        var overlapping = await Task.WhenAll(
            client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, xml), Token),
            client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, xml), Token));

        var replies = new List<string>();
        foreach (var response in overlapping.Prepend(first))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            replies.Add(await response.Content.ReadAsStringAsync(Token));
        }

        Assert.All(replies, r => Assert.Contains("<MsgType><![CDATA[text]]></MsgType>", r, StringComparison.Ordinal));
        // The same answer each time; only CreateTime (whole seconds) may differ between the three replies.
        var contents = replies.Select(r => System.Text.RegularExpressions.Regex.Match(r, @"<Content>.+</Content>", System.Text.RegularExpressions.RegexOptions.Singleline).Value).ToList();
        Assert.All(contents, c => Assert.NotEmpty(c));
        Assert.Single(contents.Distinct());
        var stored = (await _app.WaitForAnalysisAsync(1, Token)).Where(m => m.Message.SourceId == msgId).ToList();
        var message = Assert.Single(stored);
        Assert.Equal(3, message.DeliveryCount);
        Assert.Contains(message.CaseNumber, replies[0], StringComparison.Ordinal);
        Assert.Equal("done", message.AnalysisState);
        Assert.Equal("negative", message.Analysis!.SentimentLabel);
        Assert.Contains("河道", message.Analysis.Tokens);
        Assert.DoesNotContain("oyORnuP8q7ou2gfYjqLzSIWZf0rs", message.Message.Author ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedSignatureIsRejectedAndNothingIsStored()
    {
        using var client = _app.CreateClient();
        var before = await _app.Store.CountAsync(Token);

        var response = await client.SendAsync(
            SignedDelivery.Post(MonitorAppFactory.Token, SignedDelivery.TextXml("111", "伪造"), signatureOverride: new string('0', 40)),
            Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        var after = await _app.Store.CountAsync(Token);
        Assert.Equal(before.Deliveries, after.Deliveries);
    }

    [Fact]
    public async Task MalformedXmlIsQuarantinedWithItsReasonAndAnsweredWithBadRequest()
    {
        using var client = _app.CreateClient();
        var before = await _app.Store.CountAsync(Token);

        var response = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, "<xml><ToUserName>gh_x</ToUserName><MsgType>"), Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var after = await _app.Store.CountAsync(Token);
        Assert.Equal(before.Rejected + 1, after.Rejected);
        Assert.Equal(before.Messages, after.Messages);
    }

    [Fact]
    public async Task ExternalEntityAndEntityExpansionBodiesAreRefusedWithBadRequest()
    {
        using var client = _app.CreateClient();
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh_a</ToUserName><FromUserName>o_b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&x;</Content><MsgId>1</MsgId></xml>";
        const string laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]><xml><Content>&lol2;</Content></xml>";

        foreach (var body in new[] { xxe, laughs })
        {
            var response = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, body), Token);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("DTD", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OversizedBodyIsRefusedWithPayloadTooLarge()
    {
        using var client = _app.CreateClient();
        var huge = SignedDelivery.TextXml("222", new string('长', 100_000));

        var response = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, huge), Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SubscribeEventIsStoredAndAnsweredWithSuccess()
    {
        using var client = _app.CreateClient();
        const string xml = "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[o_new_follower]]></FromUserName><CreateTime>1714037100</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>";

        var response = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, xml), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task UnsubscribeErasesThePersonButKeepsTheirMessages()
    {
        using var client = _app.CreateClient();
        const string openId = "o_leaving_citizen_123";
        var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, SignedDelivery.TextXml(msgId, "路灯坏了", fromUser: openId)), Token);
        var before = (await _app.Store.LatestAsync(500, null, Token)).Single(m => m.Message.SourceId == msgId).Message.Author;
        var unsubscribe = $"<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName><CreateTime>1714037200</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[unsubscribe]]></Event></xml>";

        var response = await client.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, unsubscribe), Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await _app.Store.LatestAsync(500, null, Token)).Single(m => m.Message.SourceId == msgId);
        Assert.Equal("路灯坏了", after.Message.Text);
        Assert.NotEqual(before, after.Message.Author);
        Assert.StartsWith("x_", after.Message.Author, StringComparison.Ordinal);
        Assert.DoesNotContain(await _app.Store.LatestAsync(500, null, Token), m => m.Message.Author == before);
    }

    [Fact]
    public async Task PostWithoutSignatureParametersNamesTheMissingOne()
    {
        using var client = _app.CreateClient();
        using var content = new StringContent("<xml/>", Encoding.UTF8, "text/xml");

        var response = await client.PostAsync("/wechat/callback?timestamp=1&nonce=2", content, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("signature", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }
}
