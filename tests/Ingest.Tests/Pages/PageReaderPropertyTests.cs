using System.Text;
using CsCheck;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Pages;

namespace Monitor.Ingest.Tests.Pages;

/// <summary>Any bytes with any Content-Type give a snapshot; nothing throws.</summary>
public sealed class PageReaderPropertyTests
{
    private const long Iterations = 10_000;

    private static readonly string[] Fragments =
    [
        "<html>", "<head>", "<meta charset=\"gbk\">", "<meta charset=klingon>", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=big5\">",
        "<meta name=\"PubDate\" content=\"2024-13-45 25:61\">", "<meta name=\"author\" content=\"", "<title>", "</title>", "<body>",
        "<div id=\"js_content\">", "<h1 id=\"activity-name\">", "</h1>", "<div id=\"zoom\">", "<div class=\"article\">", "</div>", "<p>", "</p>",
        "<script>var ct = \"1700000000\";</script>", "<script>var ct = \"99999999999\"", "<img src=x>", "<!--", "-->", "&amp;", "&#0;", "&#xD800;",
        "<![CDATA[", "发布时间：2024年2月30日 10:61", "来源：", "该内容已被发布者删除", "<table><tr><td>", "<svg><script>", "<template>", "\0", "\uFEFF",
        "通知", "\u3000", "<span id=\"publish_time\">2024-01-02</span>", "<time datetime=\"2024-01-02T03:04:05+08:00\">", "<a href=\"javascript:x\">",
    ];

    private static readonly string?[] ContentTypes =
    [
        null, "text/html", "text/html; charset=utf-8", "text/html; charset=GBK", "text/html; charset=\"gb2312\"", "text/html; charset=nonsense",
        "text/html; charset=", ";;;", "application/octet-stream; charset=utf-16", "text/html; charset=utf-7",
    ];

    private static readonly Encoding Gb18030 = RegisterCodePages();

    private static readonly string?[] Charsets = [null, "gbk", "utf-8", "nonsense"];

    private readonly PageReader reader = new(Options.Create(new PageReaderOptions()));

    private static Encoding RegisterCodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("gb18030");
    }

    [Fact]
    public async Task AnyBytesWithAnyContentTypeGiveASnapshotAndNeverThrow()
    {
        var pages = Gen.OneOf(
            Gen.OneOf(Fragments).Array[0, 50].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts))),
            Gen.OneOf(Gen.OneOf(Fragments), Gen.String).Array[0, 30].Select(parts => Gb18030.GetBytes(string.Concat(parts))),
            Gen.Byte.Array[0, 600]);
        var url = new Uri("https://mp.weixin.qq.com/s/x");

        await Gen.Select(pages, Gen.OneOf(ContentTypes), Gen.OneOf(Charsets)).SampleAsync(async (bytes, contentType, charset) =>
        {
            var page = await reader.ReadAsync(bytes, contentType, url, charset, TestContext.Current.CancellationToken);
            Assert.Equal(64, page.ContentHash.Length);
            Assert.True(page.ImageCount >= 0);
        }, iter: Iterations);
    }
}
