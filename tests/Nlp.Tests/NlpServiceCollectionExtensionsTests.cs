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
    public void MissingModelFailsValidationWithThePath()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-models-" + Guid.NewGuid().ToString("N"));
        using var provider = Build(missing);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<NlpOptions>>().Value);

        Assert.Contains(Path.Combine(missing, "sentiment", "model.zip"), error.Message, StringComparison.Ordinal);
        Assert.Contains("Nlp:ModelsPath", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(string modelsPath)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nlp:ModelsPath"] = modelsPath })
            .Build();
        return new ServiceCollection().AddNlp(configuration).BuildServiceProvider();
    }
}
