using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Feeds;
using Monitor.Ingest.Pages;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Import;

public static class IngestSourcesServiceCollectionExtensions
{
    public const string FeedHttpClientName = "Monitor.Feeds";

    /// <summary>
    /// Registers the outside-in sources and text privacy: <see cref="PageReaderOptions"/> (section <c>Pages</c>, validated
    /// on start), <see cref="PageReader"/>, <see cref="FeedReader"/>, <see cref="FeedPoller"/> (typed HttpClient, 30 s
    /// timeout) and <see cref="PersonalDataScrubber"/> (needs the <see cref="Pseudonymizer"/> from <c>AddIngest</c>).
    /// <see cref="IPseudonymRegistry"/> is left to the store.
    /// </summary>
    public static IServiceCollection AddIngestSources(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<PageReaderOptions>()
            .Bind(configuration.GetSection(PageReaderOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PageReaderOptions>, PageReaderOptionsValidator>());
        services.TryAddSingleton<PageReader>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FeedReader>();
        services.AddHttpClient<FeedPoller>(FeedHttpClientName, client =>
        {
            client.Timeout = TimeSpan.FromSeconds(30);
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Monitor/1.0 (+feed poller)");
        });

        services.TryAddSingleton<PersonalDataScrubber>();
        return services;
    }
}
