using System.Text;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Pages;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Pages;

public sealed class PageReaderTests
{
    private static readonly Uri WeChatUrl = new("https://mp.weixin.qq.com/s/AbCdEf123");
    private static readonly Uri GovUrl = new("https://www.example.gov.cn/zwgk/tzgg/202311/t20231110_1.html");

    private readonly PageReader reader = new(Options.Create(new PageReaderOptions()));

    private Task<PageSnapshot> ReadAsync(string file, Uri url, string? contentType = null, string? charsetOverride = null) =>
        reader.ReadAsync(TestFiles.Bytes("pages", file), contentType, url, charsetOverride, TestContext.Current.CancellationToken);

    [Fact]
    public async Task WeChatArticleIsReadWithTitleAccountTimeBodyAndImages()
    {
        var page = await ReadAsync("wechat-article.html", WeChatUrl);

        Assert.Equal(PageLayout.WeChatArticle, page.Layout);
        Assert.Equal("关于延长政务大厅周末服务时间的通知", page.Title);
        Assert.Equal("示例市发布", page.Author);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 3, 0, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal(2, page.ImageCount);
        Assert.StartsWith("各位市民：\n自2024年3月2日起，市政务服务大厅周六、周日 上午9:00至下午5:00正常办公。", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("不应出现在正文里", page.Body, StringComparison.Ordinal);
        Assert.Null(page.RemovalNotice);
        Assert.Matches("^[0-9a-f]{64}$", page.ContentHash);
    }

    [Fact]
    public async Task GbkGovernmentPageWithMetaCharsetIsDecoded()
    {
        var page = await ReadAsync("gov-notice.gbk.html", GovUrl);
        AssertGovernmentNotice(page);
        Assert.Equal("gb18030", page.Charset);
    }

    [Fact]
    public async Task GbkPageWithoutMetaIsDecodedWithTheHttpCharset()
    {
        var page = await ReadAsync("gov-notice-nocharset.gbk.html", GovUrl, "text/html; charset=GBK");
        AssertGovernmentNotice(page);
    }

    [Fact]
    public async Task GbkPageWithNoCharsetAnywhereFallsBackToGb18030()
    {
        var page = await ReadAsync("gov-notice-nocharset.gbk.html", GovUrl, "text/html");
        AssertGovernmentNotice(page);
    }

    [Fact]
    public async Task Utf8PageWithNoCharsetAnywhereIsReadAsUtf8()
    {
        var page = await ReadAsync("gov-notice-nocharset.utf8.html", GovUrl);
        AssertGovernmentNotice(page);
        Assert.Equal("utf-8", page.Charset, ignoreCase: true);
    }

    [Fact]
    public async Task CharsetOverrideWinsOverAServerThatDeclaresTheWrongCharset()
    {
        var lying = await ReadAsync("gov-notice-nocharset.gbk.html", GovUrl, "text/html; charset=utf-8");
        Assert.NotEqual("示例市关于做好冬季供暖工作的通知", lying.Title);

        var page = await ReadAsync("gov-notice-nocharset.gbk.html", GovUrl, "text/html; charset=utf-8", charsetOverride: "gbk");
        AssertGovernmentNotice(page);
    }

    [Fact]
    public async Task ConfiguredFallbackCharsetIsUsedForUndeclaredPages()
    {
        var big5First = new PageReader(Options.Create(new PageReaderOptions { FallbackCharset = "big5" }));
        var page = await big5First.ReadAsync(TestFiles.Bytes("pages", "gov-notice-nocharset.gbk.html"), null, GovUrl, null, TestContext.Current.CancellationToken);
        Assert.NotEqual("示例市关于做好冬季供暖工作的通知", page.Title);
    }

    [Fact]
    public async Task WeChatRemovalNoticeIsRecordedOnTheSnapshot()
    {
        var page = await ReadAsync("wechat-deleted.html", WeChatUrl);
        Assert.Equal("该内容已被发布者删除", page.RemovalNotice);
    }

    [Fact]
    public async Task TheSamePageReadTwiceHasTheSameHash()
    {
        var first = await ReadAsync("gov-notice.gbk.html", GovUrl);
        var second = await ReadAsync("gov-notice-nocharset.utf8.html", GovUrl);
        Assert.Equal(first.ContentHash, second.ContentHash);
    }

    [Fact]
    public async Task EmptyAndBinaryContentGiveAnEmptySnapshot()
    {
        var empty = await reader.ReadAsync(Array.Empty<byte>(), null, GovUrl, null, TestContext.Current.CancellationToken);
        Assert.Equal(string.Empty, empty.Body);

        var binary = await reader.ReadAsync(Encoding.Latin1.GetBytes("\0\u0001\u00ff<<<>>"), "text/html; charset=nonsense", GovUrl, null, TestContext.Current.CancellationToken);
        Assert.Equal(0, binary.ImageCount);
    }

    private static void AssertGovernmentNotice(PageSnapshot page)
    {
        Assert.Equal(PageLayout.Government, page.Layout);
        Assert.Equal("示例市关于做好冬季供暖工作的通知", page.Title);
        Assert.Equal("示例市住房和城乡建设局", page.Author);
        Assert.Equal(new DateTimeOffset(2023, 11, 10, 1, 30, 0, TimeSpan.Zero), page.PublishedAt);
        Assert.Equal(
            "各区县人民政府，市直各有关单位：\n为保障群众温暖过冬，现就2023—2024年供暖季有关工作通知如下。\n一、供暖期自11月15日起至次年3月15日止。",
            page.Body);
        Assert.Equal(1, page.ImageCount);
    }

    [Fact]
    public async Task DeeplyNestedMarkupDoesNotOverflowTheStack()
    {
        var html = "<html><body><div id=\"zoom\">" + string.Concat(Enumerable.Repeat("<div><span>", 5_000)) + "深" + "</div></body></html>";
        var page = await reader.ReadAsync(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", GovUrl, null, TestContext.Current.CancellationToken);
        Assert.Equal("深", page.Body);
    }

    [Fact]
    public async Task ASnapshotBecomesAPageMessage()
    {
        var page = await ReadAsync("wechat-article.html", WeChatUrl);
        var message = page.ToMessage("gh_0a1b2c3d4e5f", DateTimeOffset.UnixEpoch);

        Assert.Equal(("page", "https://mp.weixin.qq.com/s/AbCdEf123", "gh_0a1b2c3d4e5f"), (message.SourceKind, message.SourceId, message.Account));
        Assert.Equal(page.PublishedAt, message.Time);
        Assert.Equal(page.Body, message.Text);
    }
}
