using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests;

public sealed class NlpServiceCollectionExtensionsTests
{
    [Fact]
    public void AddNlpResolvesOneSegmenterAndTheConfiguredModel()
    {
        using var provider = Build(Path.Combine(RepositoryPaths.Root, "models"));

        var segmenter = provider.GetRequiredService<ITextSegmenter>();
        var classifier = provider.GetRequiredService<ISentimentClassifier>();

        Assert.Same(segmenter, provider.GetRequiredService<ITextSegmenter>());
        Assert.Same(classifier, provider.GetRequiredService<ISentimentClassifier>());
        Assert.Equal(SentimentClassifierFactory.ModelVersionOf(RepositoryPaths.SentimentModel), classifier.ModelVersion);
    }

    [Fact]
    public void TheDefaultSegmenterIsTheFastOneWithTheCountyDictionary()
    {
        using var provider = Build(Path.Combine(RepositoryPaths.Root, "models"));

        var segmenter = provider.GetRequiredService<ITextSegmenter>();

        Assert.IsType<FastSegmenter>(segmenter);
        Assert.Same(segmenter, provider.GetRequiredService<ISegmenterLexicon>());
        Assert.StartsWith("jieba-0.42.1+", segmenter.DictionaryVersion, StringComparison.Ordinal);
        Assert.Contains("网格员", segmenter.Cut("网格员上门"));
    }

    [Fact]
    public void KeywordExtractorsAreResolvedByMethod()
    {
        using var provider = Build(Path.Combine(RepositoryPaths.Root, "models"));

        var tfidf = provider.GetRequiredKeyedService<Monitor.Nlp.Keywords.IKeywordExtractor>(Monitor.Nlp.Keywords.KeywordMethod.TfIdf);
        var textRank = provider.GetRequiredKeyedService<Monitor.Nlp.Keywords.IKeywordExtractor>(Monitor.Nlp.Keywords.KeywordMethod.TextRank);

        Assert.Equal("网格员", tfidf.Extract("网格员上门走访，网格员登记")[0].Word);
        Assert.NotEmpty(textRank.Extract("网格员上门走访，网格员登记，社区干部陪同"));
    }

    [Fact]
    public void AMissingUserDictionaryFailsValidationWithItsPath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-dict-" + Guid.NewGuid().ToString("N") + ".txt");
        using var provider = Build(Path.Combine(RepositoryPaths.Root, "models"), ("Nlp:UserDictionaryPaths:0", missing), ("Nlp:SegmenterEngine", "jiebanet"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NlpOptions>>().Value);

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("Nlp:UserDictionaryPaths", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFailsValidationWithThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-models-" + Guid.NewGuid().ToString("N"));
        using var provider = Build(missing);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NlpOptions>>().Value);

        Assert.Contains(Path.Combine(missing, "sentiment", "model.zip"), error.Message, StringComparison.Ordinal);
        Assert.Contains("Nlp:ModelsPath", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string modelsPath, params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?> { ["Nlp:ModelsPath"] = modelsPath };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection().AddNlp(configuration).BuildServiceProvider();
    }
}
