using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Segmentation;

public sealed class FastSegmenterTests : TextSegmenterContractTests
{
    private protected override ITextSegmenter Segmenter => Shared.FastSegmenter;

    [Fact]
    public void DictionaryVersionNamesTheJiebaReleaseWithoutUserDictionaries()
    {
        Assert.Equal("jieba-0.42.1", Segmenter.DictionaryVersion);
    }

    [Fact]
    public void SpansCoverTheSameTokensAsStrings()
    {
        const string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造 ABC 😀 12.5%";
        var spans = new List<TokenSpan>();

        Shared.FastSegmenter.CutSpans(text, spans, SegmentMode.Search);

        Assert.Equal(Segmenter.Cut(text, SegmentMode.Search), spans.Select(s => text.Substring(s.Start, s.Length)));
    }

    [Fact]
    public void TiesInTheRouteAreBrokenAsPythonJiebaOrJiebaNetDoes()
    {
        // Python jieba keeps the longer first word on equal route scores (呀呀/呀), jieba.NET the shorter one (呀/呀呀).
        Assert.Equal(["呀呀", "呀", "，", "哈哈哈", "哈哈"], Segmenter.Cut("呀呀呀，哈哈哈哈哈"));
        Assert.Equal(Shared.Segmenter.Cut("呀呀呀，哈哈哈哈哈"), Shared.FastJiebaNet.Cut("呀呀呀，哈哈哈哈哈"));
        Assert.Equal(["呀", "呀呀", "，", "哈哈", "哈哈哈"], Shared.FastJiebaNet.Cut("呀呀呀，哈哈哈哈哈"));
    }

    [Fact]
    public void MiddleDotIsATokenAsInPythonJieba()
    {
        Assert.Equal(["迈克尔", "·", "乔丹"], Segmenter.Cut("迈克尔·乔丹"));
    }
}
