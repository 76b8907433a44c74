using Monitor.Nlp.Keywords;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Keywords;

public sealed class TfIdfExtractorTests
{
    private static readonly Lazy<IKeywordExtractor> Extractor = new(() => KeywordExtractors.CreateTfIdf(Shared.FastSegmenter));

    [Fact]
    public void WeightIsCountOverCandidatesTimesJiebaIdf()
    {
        // Candidates: 噪音 ×2, 扰民, 投诉 (的/很/了 are stop words or single characters).
        var keywords = Extractor.Value.Extract("噪音很扰民，投诉了噪音的");
        var idf = File.ReadLines(KeywordExtractors.JiebaIdfPath).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("噪音", keywords[0].Word);
        Assert.Equal(new HashSet<string>(["噪音", "扰民", "投诉"]), keywords.Select(k => k.Word).ToHashSet());
        Assert.Equal(2 * idf["噪音"] / 4, keywords.Single(k => k.Word == "噪音").Weight, 12);
        Assert.Equal(idf["投诉"] / 4, keywords.Single(k => k.Word == "投诉").Weight, 12);
    }

    [Fact]
    public void StopWordsAndSingleCharactersAreNeverKeywords()
    {
        var keywords = Extractor.Value.Extract("我们的的的了吗 the and 好");

        Assert.DoesNotContain(keywords, k => k.Word is "我们" or "the" or "and" or "好" or "的");
    }

    [Fact]
    public void TopLimitsTheCountAndTheBestComeFirst()
    {
        var keywords = Extractor.Value.Extract("小区物业乱收费，业主多次投诉物业公司，物业费上涨，停车费上涨，街道办不管", top: 3);

        Assert.Equal(3, keywords.Count);
        Assert.True(keywords[0].Weight >= keywords[1].Weight && keywords[1].Weight >= keywords[2].Weight);
        Assert.Equal(["街道办", "停车费", "乱收费"], keywords.Select(k => k.Word));
    }

    [Fact]
    public void OurGovernmentIdfLoadsAndScores()
    {
        var path = Path.Combine(RepositoryPaths.Root, "models", "idf-gov", "idf.txt");
        var extractor = KeywordExtractors.CreateTfIdf(Shared.FastSegmenter, path);

        var keywords = extractor.Extract("小区门口垃圾堆积，臭气熏天，希望有关部门尽快处理");

        Assert.Contains(keywords, k => k.Word == "垃圾");
        Assert.DoesNotContain(keywords.Take(2), k => k.Word == "希望");
    }

    [Fact]
    public async Task KeywordsAndWeightsEqualPythonJiebaExtractTagsWithTheSameStopWords()
    {
        var texts = (await CorpusLines.AllAsync()).Where(l => l.Text.Length > 30).Select(l => l.Text).Take(500).ToList();

        var expected = await PythonJieba.ExtractTagsAsync(texts, KeywordExtractors.StopWordsPath, TestContext.Current.CancellationToken);

        for (var i = 0; i < texts.Count; i++)
        {
            var actual = Extractor.Value.Extract(texts[i], 10);
            Assert.True(
                expected[i].Select(k => k.Word).SequenceEqual(actual.Select(k => k.Word)),
                $"'{texts[i]}': python {string.Join(' ', expected[i].Select(k => k.Word))}, ours {string.Join(' ', actual.Select(k => k.Word))}");
            Assert.All(expected[i].Zip(actual), p => Assert.Equal(p.First.Weight, p.Second.Weight, 9));
        }
    }

    [Fact]
    public void EmptyTextHasNoKeywords()
    {
        Assert.Empty(Extractor.Value.Extract(string.Empty));
        Assert.Empty(Extractor.Value.Extract("，。！"));
    }
}
