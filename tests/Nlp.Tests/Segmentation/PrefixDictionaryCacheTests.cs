using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Tests.Segmentation;

public sealed class PrefixDictionaryCacheTests
{
    [Fact]
    public void TheCachedTrieHoldsEveryWordOfDictTxtWithItsFrequencyAndTag()
    {
        var path = Path.Combine(TextSegmenterFactory.ResourcesDirectory, "dict.txt");
        var parsedBuilder = new PrefixDictionaryBuilder();
        parsedBuilder.AddMainDictionary(path);
        var parsed = parsedBuilder.Build("parsed");

        PrefixDictionaryCache.LoadMainDictionary(path);
        var cached = PrefixDictionaryCache.LoadMainDictionary(path).Build("cached");

        Assert.Equal(parsed.NodeCount, cached.NodeCount);
        Assert.Equal(parsed.Total, cached.Total);
        Assert.Equal(parsed.WordCount, cached.WordCount);
        foreach (var line in File.ReadLines(path))
        {
            var word = line.Split(' ')[0];
            Assert.Equal(parsed.FrequencyOf(word), cached.FrequencyOf(word));
            Assert.Equal(parsed.TagOf(word), cached.TagOf(word));
        }
    }
}
