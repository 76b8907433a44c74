using Monitor.Nlp.Keywords;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Keywords;

public sealed class TextRankExtractorTests
{
    private const string Text = "小区物业不作为，物业费年年涨，业主投诉物业多次无果，物业公司拒绝公开账目，业主委员会要求街道监督物业";

    [Fact]
    public void TheMostConnectedWordRanksFirstWithWeightOne()
    {
        var keywords = KeywordExtractors.CreateTextRank(Shared.FastSegmenter).Extract(Text, top: 5);

        Assert.Equal("物业", keywords[0].Word);
        Assert.Equal(1.0, keywords[0].Weight, 12);
        Assert.All(keywords.Skip(1), k => Assert.InRange(k.Weight, 0, 1));
    }

    [Fact]
    public void WithAPosFilterOnlyWordsWithAllowedDictionaryTagsAreKept()
    {
        var segmenter = Shared.FastSegmenter;
        var keywords = KeywordExtractors.CreateTextRank(segmenter, KeywordExtractors.JiebaTextRankTags).Extract(Text);

        Assert.NotEmpty(keywords);
        Assert.All(keywords, k => Assert.True(KeywordExtractors.JiebaTextRankTags.Contains(segmenter.TagOf(k.Word) ?? string.Empty), k.Word));
    }

    [Fact]
    public void APosFilterNeedsTheFastSegmenter()
    {
        Assert.Throws<ArgumentException>(() => KeywordExtractors.CreateTextRank(Shared.Segmenter, KeywordExtractors.JiebaTextRankTags));
    }

    [Fact]
    public void TextWithoutCandidatesHasNoKeywords()
    {
        Assert.Empty(KeywordExtractors.CreateTextRank(TextSegmenterFactory.CreateFast()).Extract("的了吗"));
    }
}
