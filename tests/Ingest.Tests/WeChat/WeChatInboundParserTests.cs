using System.Text;
using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatInboundParserTests
{
    private static WeChatInbound ParseFile(string name)
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", name));
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Reason);
        return result.Inbound;
    }

    [Fact]
    public void TextMessageIsReadWithItsCommonFields()
    {
        var inbound = ParseFile("text.xml");
        Assert.Equal("gh_0a1b2c3d4e5f", inbound.ToUserName);
        Assert.Equal("oTestUser000000000000000001", inbound.FromUserName);
        Assert.Equal(1714037059, inbound.CreateTime);
        Assert.Equal("text", inbound.MsgType);
        Assert.Equal(24538129648712345, inbound.MsgId);
        Assert.Equal("县医院门口的路灯坏了两个星期，晚上很危险，请尽快修理。", inbound.Content);
        Assert.Equal("msg:24538129648712345", inbound.DedupKey);
    }

    [Fact]
    public void TheStringOverloadReadsTheSameMessage()
    {
        var text = File.ReadAllText(TestFiles.PathOf("wechat", "text.xml"), Encoding.UTF8);
        var result = WeChatInboundParser.Parse(text);
        Assert.True(result.IsSuccess);
        Assert.Equal(ParseFile("text.xml"), result.Inbound);
    }

    [Fact]
    public void ImageMessageHasPicUrlAndMediaId()
    {
        var inbound = ParseFile("image.xml");
        Assert.Equal("image", inbound.MsgType);
        Assert.Equal("http://mmbiz.example.invalid/pic/abc123", inbound.PicUrl);
        Assert.Equal("media_image_0001", inbound.MediaId);
    }

    [Fact]
    public void VoiceMessageHasFormatAndRecognition()
    {
        var inbound = ParseFile("voice.xml");
        Assert.Equal("amr", inbound.Format);
        Assert.Equal("我想问一下社保卡补办需要带什么材料", inbound.Recognition);
    }

    [Fact]
    public void VideoMessageHasThumbMediaId()
    {
        var inbound = ParseFile("video.xml");
        Assert.Equal("media_video_0001", inbound.MediaId);
        Assert.Equal("media_thumb_0001", inbound.ThumbMediaId);
    }

    [Fact]
    public void LocationMessageHasCoordinatesScaleAndLabel()
    {
        var inbound = ParseFile("location.xml");
        Assert.Equal(38.1462, inbound.LocationX);
        Assert.Equal(114.5703, inbound.LocationY);
        Assert.Equal(15, inbound.Scale);
        Assert.Equal("河北省石家庄市正定县中山东路", inbound.Label);
    }

    [Fact]
    public void LinkMessageHasTitleDescriptionAndUrl()
    {
        var inbound = ParseFile("link.xml");
        Assert.Equal("关于小区垃圾清运不及时的反映", inbound.Title);
        Assert.Equal("已经三天没有清运，气味很大。", inbound.Description);
        Assert.Equal("https://example.invalid/post/1", inbound.Url);
    }

    [Fact]
    public void SubscribeThroughAQrCodeHasSceneKeyAndTicket()
    {
        var inbound = ParseFile("event-subscribe-qrscene.xml");
        Assert.True(inbound.IsEvent);
        Assert.Null(inbound.MsgId);
        Assert.Equal("subscribe", inbound.Event);
        Assert.Equal("qrscene_service_hall", inbound.EventKey);
        Assert.Equal("TICKET-FOR-TESTS-0001", inbound.Ticket);
        Assert.Equal("evt:oTestUser000000000000000006:1714037600:subscribe", inbound.DedupKey);
    }

    [Fact]
    public void UnsubscribeIsAnEventWithAnEmptyKey()
    {
        var inbound = ParseFile("event-unsubscribe.xml");
        Assert.Equal("unsubscribe", inbound.Event);
        Assert.Equal(string.Empty, inbound.EventKey);
    }

    [Fact]
    public void MenuClickCarriesTheMenuKey()
    {
        var inbound = ParseFile("event-click.xml");
        Assert.Equal("CLICK", inbound.Event);
        Assert.Equal("MENU_REPORT_POLLUTION", inbound.EventKey);
    }

    [Fact]
    public void MenuViewCarriesTheUrlAndMenuId()
    {
        var inbound = ParseFile("event-view.xml");
        Assert.Equal("VIEW", inbound.Event);
        Assert.Equal("https://example.invalid/service/affairs", inbound.EventKey);
        Assert.Equal("208379533", inbound.MenuId);
    }

    [Fact]
    public void ScanByAnExistingFollowerCarriesKeyAndTicket()
    {
        var inbound = ParseFile("event-scan.xml");
        Assert.Equal("SCAN", inbound.Event);
        Assert.Equal("service_hall", inbound.EventKey);
        Assert.Equal("TICKET-FOR-TESTS-0002", inbound.Ticket);
    }

    [Fact]
    public void BillionLaughsIsRefusedBecauseDtdsAreProhibited()
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", "billion-laughs.xml"));
        Assert.False(result.IsSuccess);
        Assert.StartsWith("body has a DTD (<!DOCTYPE …>); DTDs are refused", result.Reason, StringComparison.Ordinal);
        Assert.Contains("DTD", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ExternalEntityIsRefused()
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", "external-entity.xml"));
        Assert.False(result.IsSuccess);
        Assert.Contains("DTD", result.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedXmlIsReportedWithItsPosition()
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", "malformed.xml"));
        Assert.False(result.IsSuccess);
        Assert.Single(result.Errors);
        Assert.Matches(@"^body is not well-formed XML at line \d+, position \d+: ", result.Reason);
        Assert.DoesNotContain(". Line ", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMissingOrBadFieldIsReported()
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", "missing-fields.xml"));
        Assert.False(result.IsSuccess);
        Assert.Contains("element <FromUserName> is missing; every push has it", result.Errors);
        Assert.Contains("element <CreateTime> at line 3, position 4: 'abc' is not a Unix time (integer seconds)", result.Errors);
        Assert.Contains("element <MsgId> is missing; MsgType 'text' is a normal message and requires it", result.Errors);
        Assert.Equal(3, result.Errors.Count);
    }

    [Fact]
    public void AnEmptyBodyIsAFailureNotAnException()
    {
        var result = WeChatInboundParser.Parse(ReadOnlySpan<byte>.Empty);
        Assert.False(result.IsSuccess);
        Assert.StartsWith("body is not well-formed XML", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherRootElementIsRejected()
    {
        var result = WeChatInboundParser.Parse("<html><body/></html>");
        Assert.Equal("root element is <html>; a WeChat push has <xml> as its root", result.Reason);
    }

    [Fact]
    public void AnEventWithoutItsEventNameIsRejected()
    {
        var result = WeChatInboundParser.Parse(
            "<xml><ToUserName>gh_a</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType></xml>");
        Assert.Equal("element <Event> is missing; MsgType 'event' requires it", result.Reason);
    }

    [Fact]
    public void ADuplicatedElementIsRejected()
    {
        var result = WeChatInboundParser.Parse(
            "<xml><ToUserName>gh_a</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a</Content><MsgId>1</MsgId><MsgId>2</MsgId></xml>");
        Assert.False(result.IsSuccess);
        Assert.StartsWith("element <MsgId> appears more than once", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8IsAFailure()
    {
        byte[] body = [.. "<xml><Content>"u8, 0xC3, 0x28, .. "</Content></xml>"u8];
        var result = WeChatInboundParser.Parse(body);
        Assert.False(result.IsSuccess);
    }

    [Fact]
    public void ADocumentAboveTheCharacterCapIsRefused()
    {
        var huge = "<xml><Content>" + new string('a', (int)WeChatInboundParser.MaxCharacters) + "</Content></xml>";
        var result = WeChatInboundParser.Parse(huge);
        Assert.False(result.IsSuccess);
        Assert.StartsWith("body is not well-formed XML", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownElementsAndNestedPayloadsAreTolerated()
    {
        var result = WeChatInboundParser.Parse(
            "<xml><ToUserName>gh_a</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime><MsgType>event</MsgType>"
            + "<Event>scancode_push</Event><EventKey>scan1</EventKey><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo><Extra>x</Extra></xml>");
        Assert.True(result.IsSuccess, result.Reason);
        Assert.Equal("scancode_push", result.Inbound.Event);
    }
}
