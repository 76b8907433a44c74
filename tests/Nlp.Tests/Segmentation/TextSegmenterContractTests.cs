using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Segmentation;

/// <summary>What every <see cref="ITextSegmenter"/> engine must do; subclassed per engine.</summary>
public abstract class TextSegmenterContractTests
{
    private protected abstract ITextSegmenter Segmenter { get; }

    // Expected files: Python jieba 0.42.1 (Debian python3-jieba), ' '.join(t for t in jieba.lcut(line) if t.strip()),
    // jieba.lcut(line, cut_all=True) and jieba.lcut_for_search(line) respectively.
    [Theory]
    [InlineData(SegmentMode.Exact, "segmentation-golden.expected.txt")]
    [InlineData(SegmentMode.Full, "segmentation-golden.expected-full.txt")]
    [InlineData(SegmentMode.Search, "segmentation-golden.expected-search.txt")]
    public void EveryModeMatchesPythonJiebaOnTheGoldenSentences(SegmentMode mode, string expectedFile)
    {
        var lines = File.ReadAllLines(RepositoryPaths.TestData("segmentation-golden.txt"));
        var expected = File.ReadAllLines(RepositoryPaths.TestData(expectedFile));
        Assert.Equal(lines.Length, expected.Length);
        Assert.True(lines.Length >= 40);
        for (var i = 0; i < lines.Length; i++)
        {
            var actual = string.Join(' ', Segmenter.Cut(lines[i], mode));
            Assert.True(expected[i] == actual, $"line {i + 1}: expected '{expected[i]}', got '{actual}'");
        }
    }

    [Fact]
    public void EmojiStaysOneToken()
    {
        var tokens = Segmenter.Cut("服务很好😀😀👍谢谢");

        Assert.Equal(["服务", "很", "好", "😀", "😀", "👍", "谢谢"], tokens);
    }

    [Theory]
    [InlineData(SegmentMode.Exact)]
    [InlineData(SegmentMode.Search)]
    [InlineData(SegmentMode.Full)]
    public void EmojiStaysWholeInEveryMode(SegmentMode mode)
    {
        var tokens = Segmenter.Cut("投诉😡噪音", mode);

        Assert.Contains("😡", tokens);
        Assert.DoesNotContain(tokens, t => t.Length == 1 && char.IsSurrogate(t[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n　")]
    public void EmptyOrWhitespaceInputGivesNoTokens(string text)
    {
        Assert.Empty(Segmenter.Cut(text));
        Assert.Empty(Segmenter.Cut(text, SegmentMode.Search));
        Assert.Empty(Segmenter.Cut(text, SegmentMode.Full));
    }

    [Theory]
    [InlineData("\uD83D")]
    [InlineData("低保\uDE00申请")]
    [InlineData("医保\uD83D")]
    [InlineData("\u0000\u0001\u001F控制字符\u007F\u200B")]
    public void OddInputDoesNotThrowAndDropsNoLetters(string text)
    {
        foreach (var mode in Enum.GetValues<SegmentMode>())
        {
            var tokens = Segmenter.Cut(text, mode);
            Assert.All(tokens, t => Assert.False(string.IsNullOrWhiteSpace(t)));
        }

        Assert.Equal(new string([.. text.Where(c => !char.IsWhiteSpace(c))]), string.Concat(Segmenter.Cut(text)));
    }

    [Fact]
    public void HugeInputIsCut()
    {
        var text = string.Concat(Enumerable.Repeat("请问低保申请需要准备哪些材料？😀", 5000));

        var tokens = Segmenter.Cut(text);

        Assert.Equal(text, string.Concat(tokens));
        Assert.NotEmpty(Segmenter.Cut(text, SegmentMode.Search));
        Assert.NotEmpty(Segmenter.Cut(text, SegmentMode.Full));
    }

    [Fact]
    public void NoTokenIsEmptyOrWhitespaceInAnyMode()
    {
        const string text = "小明硕士毕业于中国科学院计算所，后在日本京都大学深造 ABC  12345热线！";
        foreach (var mode in Enum.GetValues<SegmentMode>())
        {
            Assert.All(Segmenter.Cut(text, mode), t => Assert.False(string.IsNullOrWhiteSpace(t)));
        }
    }

    [Fact]
    public void SearchModeAddsTheSubWordsOfLongWords()
    {
        var tokens = Segmenter.Cut("小明硕士毕业于中国科学院计算所", SegmentMode.Search);

        Assert.Contains("中国科学院", tokens);
        Assert.Contains("科学", tokens);
        Assert.Contains("学院", tokens);
    }

    [Fact]
    public void FullModeListsOverlappingWordsAndDropsThePunctuationPlaceholders()
    {
        var tokens = Segmenter.Cut("中国科学院计算所，后在日本", SegmentMode.Full);

        Assert.Contains("中国", tokens);
        Assert.Contains("中国科学院", tokens);
        Assert.Contains("科学院", tokens);
        Assert.Contains("计算所", tokens);
        Assert.DoesNotContain(string.Empty, tokens);
    }

    [Fact]
    public void HmmOffKeepsUnknownNamesAsSingleCharacters()
    {
        Assert.Contains("小明", Segmenter.Cut("小明硕士毕业"));
        Assert.DoesNotContain("小明", Segmenter.Cut("小明硕士毕业", hmm: false));
    }

    [Fact]
    public async Task ConcurrentCutsEqualSequentialCuts()
    {
        var lines = File.ReadAllLines(RepositoryPaths.TestData("segmentation-golden.txt"));
        var sequential = lines.Select(l => string.Join(' ', Segmenter.Cut(l))).ToList();

        var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(
            () => Enumerable.Range(0, 20).SelectMany(_ => lines).Select(l => string.Join(' ', Segmenter.Cut(l))).ToList(),
            TestContext.Current.CancellationToken));
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(Enumerable.Range(0, 20).SelectMany(_ => sequential), r));
    }
}
