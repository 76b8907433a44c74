using Monitor.Ingest.WeChat.Api;

namespace Monitor.Ingest.Tests.WeChat.Api;

public sealed class WeChatApiExceptionTests
{
    [Theory]
    [InlineData(-1, WeChatErrorAction.RetryWithBackoff)]
    [InlineData(45011, WeChatErrorAction.RetryWithBackoff)]
    [InlineData(40001, WeChatErrorAction.RefreshToken)]
    [InlineData(40014, WeChatErrorAction.RefreshToken)]
    [InlineData(42001, WeChatErrorAction.RefreshToken)]
    [InlineData(45009, WeChatErrorAction.StopUntilTomorrow)]
    [InlineData(40164, WeChatErrorAction.AlertAdmin)]
    [InlineData(40243, WeChatErrorAction.AlertAdmin)]
    [InlineData(89503, WeChatErrorAction.AlertAdmin)]
    [InlineData(48001, WeChatErrorAction.DisableFeature)]
    [InlineData(45015, WeChatErrorAction.NotDeliverable)]
    [InlineData(45047, WeChatErrorAction.NotDeliverable)]
    [InlineData(88000, WeChatErrorAction.PerArticle)]
    [InlineData(88008, WeChatErrorAction.PerArticle)]
    [InlineData(88009, WeChatErrorAction.Fail)]
    [InlineData(40003, WeChatErrorAction.Fail)]
    public void EachDocumentedErrcodeHasItsAction(int errorCode, WeChatErrorAction action)
    {
        Assert.Equal(action, WeChatApiException.ActionFor(errorCode));
    }

    [Fact]
    public void TheMessageNamesEndpointCodeAndAction()
    {
        var ex = new WeChatApiException("cgi-bin/comment/list", 45009, "reach max api daily quota limit");
        Assert.Equal("WeChat API cgi-bin/comment/list answered errcode 45009 (reach max api daily quota limit); action: StopUntilTomorrow", ex.Message);
    }
}
