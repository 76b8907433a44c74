using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Import;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests;

public sealed class IngestServiceCollectionExtensionsTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ingest-tests-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("Monitor:DataDirectory", dataDirectory)))
            .Build();
        return new ServiceCollection().AddIngest(configuration).BuildServiceProvider();
    }

    [Fact]
    public void WeChatOptionsAreBoundFromTheirSection()
    {
        using var provider = Build(("WeChat:Token", "AAAAA"), ("WeChat:AccountId", "gh_0a1b2c3d4e5f"), ("WeChat:MaxBodyBytes", "1024"));
        var options = provider.GetRequiredService<IOptions<WeChatOptions>>().Value;
        Assert.Equal("AAAAA", options.Token);
        Assert.Equal("gh_0a1b2c3d4e5f", options.AccountId);
        Assert.Equal(1024, options.MaxBodyBytes);
    }

    [Fact]
    public void InvalidWeChatOptionsFailStartupValidationListingEveryFailure()
    {
        using var provider = Build(("WeChat:Token", "a"), ("WeChat:EncodingAESKey", "tooshort"));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(error.Failures, f => f.Contains("WeChat:Token is 1 characters long", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("WeChat:EncodingAESKey is 8 characters long", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("WeChat:AppId is required", StringComparison.Ordinal));
    }

    [Fact]
    public void ConfiguredPseudonymKeyIsUsed()
    {
        using var provider = Build(("WeChat:Token", "AAAAA"), ("Privacy:PseudonymKey", Convert.ToBase64String(Some.Key(3))));
        var pseudonymizer = provider.GetRequiredService<Pseudonymizer>();
        Assert.Equal(Some.Pseudonymizer(3).Pseudonymize("o1"), pseudonymizer.Pseudonymize("o1"));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public void WithoutAConfiguredKeyOneIsCreatedInTheDataDirectory()
    {
        using var provider = Build(("WeChat:Token", "AAAAA"));
        var pseudonymizer = provider.GetRequiredService<Pseudonymizer>();
        var key = File.ReadAllBytes(Path.Combine(dataDirectory, Pseudonymizer.KeyFileName));
        Assert.Equal(new Pseudonymizer(key).Pseudonymize("o1"), pseudonymizer.Pseudonymize("o1"));
        Assert.NotNull(provider.GetRequiredService<MessageFileReader>());
    }

    [Fact]
    public void AShortConfiguredKeyFailsValidationWithoutEchoingIt()
    {
        var shortKey = Convert.ToBase64String(new byte[16]);
        using var provider = Build(("WeChat:Token", "AAAAA"), ("Privacy:PseudonymKey", shortKey));
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("decodes to 16 bytes", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, error.Message, StringComparison.Ordinal);
    }
}
