using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Segmentation;

/// <summary>The fast segmenter (jieba.NET compatibility) against jieba.NET (through <see cref="JiebaTextSegmenter"/>) on every line of ../shared/data.</summary>
public sealed class DifferentialTests
{
    public static TheoryData<SegmentMode, bool> Modes => new()
    {
        { SegmentMode.Exact, true },
        { SegmentMode.Exact, false },
        { SegmentMode.Search, true },
        { SegmentMode.Search, false },
        { SegmentMode.Full, true },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task FastSegmenterEqualsJiebaNetOnEveryLineOfTheCorpora(SegmentMode mode, bool hmm)
    {
        var lines = await CorpusLines.AllAsync();
        var fast = Shared.FastJiebaNet;
        var jieba = Shared.Segmenter;
        var differences = new List<string>();
        var identical = 0;
        foreach (var line in lines)
        {
            var expected = jieba.Cut(line.Text, mode, hmm);
            var actual = fast.Cut(line.Text, mode, hmm);
            if (expected.SequenceEqual(actual))
            {
                identical++;
            }
            else if (differences.Count < 10)
            {
                differences.Add($"{line.Source}: '{line.Text}'\n  jieba.NET: {string.Join(' ', expected)}\n  fast:      {string.Join(' ', actual)}");
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{mode} hmm={hmm}: {identical} of {lines.Count} lines identical");
        Assert.True(lines.Count > 100_000, $"only {lines.Count} lines found under {CorpusLines.DataRoot}");
        Assert.True(identical == lines.Count, $"{lines.Count - identical} of {lines.Count} lines differ:\n{string.Join('\n', differences)}");
    }
}
