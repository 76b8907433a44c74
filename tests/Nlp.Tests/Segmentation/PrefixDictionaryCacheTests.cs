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

    [Fact]
    public void ADamagedCacheFileIsIgnoredAndRewritten()
    {
        var path = Path.Combine(TextSegmenterFactory.ResourcesDirectory, "dict.txt");
        var expected = PrefixDictionaryCache.LoadMainDictionary(path).Build("x");
        var cachePath = PrefixDictionaryCache.CachePath(path)!;
        var bytes = File.ReadAllBytes(cachePath);
        var damaged = (byte[])bytes.Clone();
        damaged.AsSpan(damaged.Length - 4096, 1024).Fill(0x7F);
        File.WriteAllBytes(cachePath, damaged);
        Assert.Equal(expected.Total, PrefixDictionaryCache.LoadMainDictionary(path).Build("z").Total);
        File.WriteAllBytes(cachePath, bytes[..(bytes.Length / 2)]);

        var reloaded = PrefixDictionaryCache.LoadMainDictionary(path).Build("y");

        Assert.Equal(expected.Total, reloaded.Total);
        Assert.Equal(expected.NodeCount, reloaded.NodeCount);
        Assert.Equal(expected.FrequencyOf("中国科学院"), reloaded.FrequencyOf("中国科学院"));
        Assert.Equal(new FileInfo(cachePath).Length, bytes.Length);
    }
}
