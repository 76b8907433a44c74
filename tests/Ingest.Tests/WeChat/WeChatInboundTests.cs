using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatInboundTests
{
    private static Message MessageOf(string file)
    {
        var result = WeChatInboundParser.Parse(TestFiles.Bytes("wechat", file));
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Reason);
        return result.Inbound.ToMessage(Some.Pseudonymizer());
    }

    [Fact]
    public void TextMessageBecomesAMessageKeyedByMsgId()
    {
        var message = MessageOf("text.xml");
        Assert.Equal("wechat", message.SourceKind);
        Assert.Equal("24538129648712345", message.SourceId);
        Assert.Equal("gh_0a1b2c3d4e5f", message.Account);
        Assert.Equal(Some.Pseudonymizer().Pseudonymize("oTestUser000000000000000001"), message.Author);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1714037059), message.Time);
        Assert.Equal(TimeSpan.Zero, message.Time.Offset);
        Assert.Equal("text", message.Kind);
        Assert.Equal("县医院门口的路灯坏了两个星期，晚上很危险，请尽快修理。", message.Text);
    }

    [Fact]
    public void VoiceTextIsTheRecognition() =>
        Assert.Equal("我想问一下社保卡补办需要带什么材料", MessageOf("voice.xml").Text);

    [Fact]
    public void LinkTextIsTitleAndDescription()
    {
        var message = MessageOf("link.xml");
        Assert.Equal("关于小区垃圾清运不及时的反映\n已经三天没有清运，气味很大。", message.Text);
        Assert.Equal("关于小区垃圾清运不及时的反映", message.Title);
        Assert.Equal("https://example.invalid/post/1", message.Url);
    }

    [Fact]
    public void LocationTextIsTheLabel() => Assert.Equal("河北省石家庄市正定县中山东路", MessageOf("location.xml").Text);

    [Theory]
    [InlineData("image.xml")]
    [InlineData("video.xml")]
    public void MediaMessagesHaveNoText(string file) => Assert.Equal(string.Empty, MessageOf(file).Text);

    [Fact]
    public void EventsAreKeyedWithoutTheRawOpenId()
    {
        var message = MessageOf("event-click.xml");
        var pseudonym = Some.Pseudonymizer().Pseudonymize("oTestUser000000000000000007");
        Assert.Equal($"{pseudonym}:1714037800:CLICK", message.SourceId);
        Assert.Equal("event:CLICK", message.Kind);
        Assert.Equal("MENU_REPORT_POLLUTION", message.Text);
        Assert.DoesNotContain("oTestUser", message.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ViewEventKeepsTheUrl() =>
        Assert.Equal("https://example.invalid/service/affairs", MessageOf("event-view.xml").Url);
}
