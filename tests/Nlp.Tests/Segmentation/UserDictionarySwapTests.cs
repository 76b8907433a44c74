using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Tests.Segmentation;

public sealed class UserDictionarySwapTests
{
    private const string Text = "我们在石墨烯云计算中心办理了低保";

    [Fact]
    public void AddedWordsTakeEffectAndChangeTheVersion()
    {
        var segmenter = new FastSegmenter(TextSegmenterFactory.ResourcesDirectory);
        var before = segmenter.DictionaryVersion;

        segmenter.AddWords([new UserWord("石墨烯云计算中心", 2000, "nt")]);

        Assert.Contains("石墨烯云计算中心", segmenter.Cut(Text));
        Assert.NotEqual(before, segmenter.DictionaryVersion);
        Assert.StartsWith("jieba-0.42.1+", segmenter.DictionaryVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void AWordWithoutFrequencyGetsOneJustHighEnoughToStayWhole()
    {
        var segmenter = new FastSegmenter(TextSegmenterFactory.ResourcesDirectory);

        segmenter.AddWords([new UserWord("墨烯云")]);

        Assert.Contains("墨烯云", segmenter.Cut("石墨烯云", hmm: false));
    }

    [Fact]
    public async Task CutsRunningDuringASwapSeeEitherTheOldOrTheNewDictionary()
    {
        var segmenter = new FastSegmenter(TextSegmenterFactory.ResourcesDirectory);
        var oldTokens = string.Join(' ', segmenter.Cut(Text));
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (!stop.IsCancellationRequested)
            {
                seen.Add(string.Join(' ', segmenter.Cut(Text)));
            }

            return seen;
        }, TestContext.Current.CancellationToken)).ToList();

        segmenter.AddWords([new UserWord("石墨烯云计算中心", 2000, "nt")]);
        var newTokens = string.Join(' ', segmenter.Cut(Text));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var seen = (await Task.WhenAll(readers)).SelectMany(s => s).ToHashSet(StringComparer.Ordinal);

        Assert.NotEqual(oldTokens, newTokens);
        Assert.Subset(new HashSet<string>([oldTokens, newTokens], StringComparer.Ordinal), seen);
    }

    [Fact]
    public void AMissingUserDictionaryFailsWithItsPathAndKeepsTheDictionaryInUse()
    {
        var segmenter = new FastSegmenter(TextSegmenterFactory.ResourcesDirectory, [TextSegmenterFactory.CountyDictionaryPath]);
        var version = segmenter.DictionaryVersion;
        var missing = Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".dict.txt");

        var error = Assert.Throws<FileNotFoundException>(() => segmenter.UseUserDictionaries([missing]));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Equal(version, segmenter.DictionaryVersion);
        Assert.Contains("网格员", segmenter.Cut("网格员"));
    }

    [Theory]
    [InlineData("网格员 3000 n", "网格员", 3000, "n")]
    [InlineData("网格员 n", "网格员", 0, "n")]
    [InlineData("网格员 3000", "网格员", 3000, null)]
    [InlineData("网格员", "网格员", 0, null)]
    [InlineData("Big Data 10 nz", "Big Data", 10, "nz")]
    public void UserDictionaryLinesAreSplitAsJiebaDoes(string line, string word, int frequency, string? tag)
    {
        Assert.Equal(new UserWord(word, frequency, tag), UserDictionaryFile.Parse(line, "test", 1));
    }
}
