using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Tests.Segmentation;

public sealed class CountyDictionaryTests
{
    private static readonly Lazy<FastSegmenter> WithCounty =
        new(() => new FastSegmenter(TextSegmenterFactory.ResourcesDirectory, [TextSegmenterFactory.CountyDictionaryPath]));

    [Fact]
    public void CountyDictionaryHasAtLeast300WellFormedEntriesWithoutDuplicates()
    {
        var words = UserDictionaryFile.Read(TextSegmenterFactory.CountyDictionaryPath);

        Assert.True(words.Count >= 300, $"only {words.Count} entries");
        Assert.All(words, w => Assert.True(w.Frequency > 0 && w.Tag is not null && !w.Word.Contains(' ', StringComparison.Ordinal), w.ToString()));
        Assert.Equal(words.Count, words.Select(w => w.Word).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("正定县网格员接诉即办，12345热线反映隆兴寺周边停车难", "网格员|接诉即办|12345热线|隆兴寺|停车难")]
    [InlineData("扫黑除恶专项斗争和河长制在正定古城落实", "扫黑除恶专项斗争|河长制|正定古城")]
    [InlineData("拆迁安置和营商环境、一网通办、新农合", "拆迁安置|营商环境|一网通办|新农合")]
    public void CountyWordsAreWholeTokens(string text, string expectedWords)
    {
        var tokens = WithCounty.Value.Cut(text);

        Assert.All(expectedWords.Split('|'), w => Assert.Contains(w, tokens));
    }

    [Fact]
    public void WithoutTheCountyDictionaryTheSameTextIsCutAsPythonJieba()
    {
        Assert.Equal(["网格", "员", "接诉", "即", "办"], Support.Shared.FastSegmenter.Cut("网格员接诉即办"));
    }

    [Fact]
    public void VersionNamesTheHashOfTheUserDictionaries()
    {
        var version = WithCounty.Value.DictionaryVersion;

        Assert.Matches("^jieba-0\\.42\\.1\\+[0-9a-f]{8}$", version);
        Assert.Equal("jieba-0.42.1", Support.Shared.FastSegmenter.DictionaryVersion);
    }

    [Fact]
    public void CountyTagsAreKnown()
    {
        Assert.Equal("ns", WithCounty.Value.TagOf("正定古城"));
        Assert.Equal("ns", WithCounty.Value.TagOf("正定"));
        Assert.True(WithCounty.Value.FrequencyOf("网格员") > 0);
        Assert.Equal(0, Support.Shared.FastSegmenter.FrequencyOf("网格员"));
    }
}
