using System.Text;
using CsCheck;
using Monitor.Ingest.Feeds;

namespace Monitor.Ingest.Tests.Feeds;

/// <summary>Any XML-ish text gives a feed result (items or problems); nothing throws.</summary>
public sealed class FeedReaderPropertyTests
{
    private const long Iterations = 10_000;

    private static readonly string[] Fragments =
    [
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>", "<?xml version=\"1.0\" encoding=\"gbk\"?>", "<rss version=\"2.0\">", "</rss>", "<rss>", "<channel>",
        "</channel>", "<item>", "</item>", "<title>", "</title>", "<title type=\"html\">", "<link>", "</link>", "http://a/b", "::not a uri::", "<guid>",
        "</guid>", "<pubDate>", "</pubDate>", "Fri, 01 Mar 2024 03:00:00 GMT", "2024-13-45", "<description>", "</description>", "&lt;p&gt;x&lt;/p&gt;",
        "<![CDATA[<b>粗体</b>]]>", "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "</feed>", "<entry>", "</entry>", "<link href=\"/rel\"/>",
        "<link rel=\"alternate\" href=\"%%%\"/>", "<updated>", "</updated>", "<summary type=\"xhtml\">", "</summary>", "<content src=\"x\"/>",
        "<!DOCTYPE rss [<!ENTITY a \"aaaaaaaaaa\">]>", "&a;", "&#0;", "&nbsp;", "<content:encoded xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">",
        "</content:encoded>", "<category>", "</category>", "<author>", "</author>", "<enclosure url=\"x\" length=\"-1\"/>", "通知", "\uFEFF", " ",
    ];

    private readonly FeedReader reader = new(TimeProvider.System);

    [Fact]
    public void AnyXmlIshTextGivesItemsOrProblemsAndNeverThrows()
    {
        var documents = Gen.OneOf(
            Gen.OneOf(Fragments).Array[0, 60].Select(string.Concat),
            Gen.Select(Gen.OneOf(Fragments).Array[0, 30].Select(string.Concat), Gen.OneOf(Fragments).Array[0, 30].Select(string.Concat),
                (inner, tail) => "<rss version=\"2.0\"><channel><title>t</title><item>" + inner + "</item>" + tail + "</channel></rss>"),
            Gen.Select(Gen.OneOf(Fragments).Array[0, 30].Select(string.Concat),
                inner => "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><entry>" + inner + "</entry></feed>"),
            Gen.OneOf(Gen.OneOf(Fragments), Gen.String).Array[0, 30].Select(string.Concat));

        documents.Sample(document =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(document));
            var result = reader.Read(stream, null, new Uri("https://example.gov.cn/feed.xml"));
            Assert.True(result.IsFeed || result.Problems.Count == 1);
            Assert.All(result.Items, item => Assert.False(string.IsNullOrEmpty(item.SourceId)));
        }, iter: Iterations);
    }
}
