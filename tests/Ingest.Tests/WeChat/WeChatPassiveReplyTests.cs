using System.Xml.Linq;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatPassiveReplyTests
{
    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1714037060);

    [Fact]
    public void TextReplyHasTheDocumentedShape()
    {
        var xml = WeChatPassiveReply.Text("oUser", "gh_0a1b2c3d4e5f", "已收到，编号 20240425-0001", Time);
        Assert.Equal(
            "<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_0a1b2c3d4e5f]]></FromUserName>"
            + "<CreateTime>1714037060</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            + "<Content><![CDATA[已收到，编号 20240425-0001]]></Content></xml>",
            xml);
    }

    [Theory]
    [InlineData("a]]>b")]
    [InlineData("]]>]]>")]
    [InlineData("结尾是]]")]
    [InlineData("]]]>已收到<![CDATA[x]]>，谢谢 & <b>")]
    public void ContentRoundTripsThroughAnXmlParser(string content)
    {
        var xml = WeChatPassiveReply.Text("oUser", "gh_a", content, Time);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("xml", root.Name.LocalName);
        Assert.Equal(content, root.Element("Content")!.Value);
        Assert.Equal("1714037060", root.Element("CreateTime")!.Value);
    }

    [Fact]
    public void ReplyIsReadableByTheInboundParser()
    {
        var result = WeChatInboundParser.Parse(WeChatPassiveReply.Text("oUser", "gh_a", "好的]]>", Time));
        Assert.False(result.IsSuccess); // a reply has no MsgId, so it is not a valid push …
        Assert.Equal(["element <MsgId> is missing; MsgType 'text' is a normal message and requires it"], result.Errors); // … but it is well-formed.
    }

    [Fact]
    public void CharactersXmlCannotCarryAreReplaced()
    {
        var xml = WeChatPassiveReply.Text("oUser", "gh_a", "a\u0001b", Time);
        Assert.Equal("a\uFFFDb", XDocument.Parse(xml).Root!.Element("Content")!.Value);
    }
}
