using System.Text;
using Monitor.Ingest.Feeds;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Feeds;

public sealed class FeedReaderTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 5, 0, 0, 0, TimeSpan.Zero);

    private readonly FeedReader reader = new(new FixedTimeProvider(Now));

    private FeedReadResult Read(string file, string? account = null, Uri? url = null)
    {
        using var stream = File.OpenRead(TestFiles.PathOf("feeds", file));
        return reader.Read(stream, account, url);
    }

    [Fact]
    public void RssItemsBecomeMessagesWithGuidLinkTimeAndPlainText()
    {
        var feed = Read("rss.xml");

        Assert.Equal("示例市发布", feed.FeedTitle);
        Assert.Equal(3, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("rss", first.SourceKind);
        Assert.Equal("wx-2247483650-1", first.SourceId);
        Assert.Equal("示例市发布", first.Account);
        Assert.Equal("关于延长政务大厅周末服务时间的通知", first.Title);
        Assert.Equal("自2024年3月2日起，市政务服务大厅周六、周日正常办公。\n请提前预约。", first.Text);
        Assert.Equal("https://mp.weixin.qq.com/s/AbCdEf123", first.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 3, 0, 0, TimeSpan.Zero), first.Time);
    }

    [Fact]
    public void RssItemWithoutGuidUsesItsLinkAndContentEncodedWhenTheDescriptionIsEmpty()
    {
        var second = Read("rss.xml").Items[1];
        Assert.Equal("https://mp.weixin.qq.com/s/XyZ789", second.SourceId);
        Assert.Equal("供暖期自11月15日起至次年3月15日止。", second.Text);
        Assert.Equal(new DateTimeOffset(2023, 11, 10, 9, 30, 0, TimeSpan.Zero), second.Time);
    }

    [Fact]
    public void RssItemWithoutDateOrLinkGetsTheFeedTimeAndAStableId()
    {
        var third = Read("rss.xml").Items[2];
        Assert.StartsWith("h_", third.SourceId, StringComparison.Ordinal);
        Assert.Equal(third.SourceId, Read("rss.xml").Items[2].SourceId);
        Assert.Equal("文字 & 符号", third.Text);
        Assert.Null(third.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.Zero), third.Time);
    }

    [Fact]
    public void AnEmptyRssItemIsReportedNotThrown()
    {
        var feed = Read("rss.xml");
        Assert.Equal(["item 4: has neither a title nor any text; skipped"], feed.Problems);
    }

    [Fact]
    public void AtomEntriesUseTheirIdPublishedTimeAndAbsoluteLinks()
    {
        var feed = Read("atom.xml", account: "example-gov", url: new Uri("https://www.example.gov.cn/feeds/atom.xml"));

        Assert.Equal(2, feed.Items.Count);
        var first = feed.Items[0];
        Assert.Equal("tag:www.example.gov.cn,2023:t20231110_1", first.SourceId);
        Assert.Equal("example-gov", first.Account);
        Assert.Equal("为保障群众温暖过冬，\n现就供暖季有关工作通知如下。", first.Text);
        Assert.Equal("https://www.example.gov.cn/zwgk/tzgg/202311/t20231110_1.html", first.Url);
        Assert.Equal(new DateTimeOffset(2023, 11, 10, 1, 30, 0, TimeSpan.Zero), first.Time);
        Assert.Equal(new DateTimeOffset(2023, 11, 9, 8, 0, 0, TimeSpan.Zero), feed.Items[1].Time);
        Assert.Equal("纯文本摘要", feed.Items[1].Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml at all")]
    [InlineData("<html><body>404</body></html>")]
    [InlineData("<rss version=\"2.0\"><channel><item><title>unclosed")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x \"xxxxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;\">]><rss version=\"2.0\"><channel><title>&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;</title></channel></rss>")]
    public void ADocumentThatIsNotAFeedIsAResult(string document)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document));
        var feed = reader.Read(stream);
        Assert.Empty(feed.Items);
        Assert.True(!feed.IsFeed || feed.Problems.Count == 0);
    }

    [Fact]
    public void AnUnreadableDateDoesNotLoseTheItem()
    {
        const string Rss = "<rss version=\"2.0\"><channel><title>t</title><item><title>标题</title><guid>g1</guid><pubDate>昨天下午</pubDate></item></channel></rss>";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Rss));
        var item = Assert.Single(reader.Read(stream).Items);
        Assert.Equal(Now, item.Time);
        Assert.Equal("标题", item.Text);
    }
}
