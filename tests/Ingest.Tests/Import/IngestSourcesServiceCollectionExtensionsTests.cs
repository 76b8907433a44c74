using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Feeds;
using Monitor.Ingest.Import;
using Monitor.Ingest.Pages;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Tests.Import;

public sealed class IngestSourcesServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new("Privacy:PseudonymKey", Convert.ToBase64String(new byte[32]))))
            .Build();
        return new ServiceCollection().AddIngest(configuration).AddIngestSources(configuration).BuildServiceProvider();
    }

    [Fact]
    public void TheSourcesResolve()
    {
        using var provider = Build(("Pages:FallbackCharset", "gbk"));
        Assert.NotNull(provider.GetRequiredService<PageReader>());
        Assert.NotNull(provider.GetRequiredService<FeedPoller>());
        Assert.NotNull(provider.GetRequiredService<PersonalDataScrubber>());
        Assert.Equal("gbk", provider.GetRequiredService<IOptions<PageReaderOptions>>().Value.FallbackCharset);
    }

    [Fact]
    public void InvalidPageOptionsFailStartupValidationListingEveryFailure()
    {
        using var provider = Build(("Pages:FallbackCharset", "klingon"), ("Pages:MaxPageBytes", "10"));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(
        [
            "Pages:FallbackCharset 'klingon' is not an encoding name this host knows (try utf-8, gbk, gb18030, big5).",
            "Pages:MaxPageBytes must be at least 1024, was 10.",
        ], error.Failures);
    }
}
