using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Ingest.Import;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest;

public static class IngestServiceCollectionExtensions
{
    public const string DataDirectoryKey = "Monitor:DataDirectory";
    public const string DefaultDataDirectory = "./data";

    /// <summary>
    /// Registers the ingest services: <see cref="WeChatOptions"/> (section <c>WeChat</c>, validated on start),
    /// <see cref="PrivacyOptions"/> (section <c>Privacy</c>), the <see cref="Pseudonymizer"/> and the
    /// <see cref="MessageFileReader"/>. The pseudonym key is <c>Privacy:PseudonymKey</c> (Base64) when set, otherwise
    /// <c>pseudonym.key</c> in <c>Monitor:DataDirectory</c> (default <c>./data</c>), created on first use.
    /// </summary>
    public static IServiceCollection AddIngest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<WeChatOptions>()
            .Bind(configuration.GetSection(WeChatOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>());

        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());

        services.TryAddSingleton(provider =>
        {
            var privacy = provider.GetRequiredService<IOptions<PrivacyOptions>>().Value;
            var key = string.IsNullOrWhiteSpace(privacy.PseudonymKey)
                ? Pseudonymizer.LoadOrCreateKey(configuration[DataDirectoryKey] is { Length: > 0 } directory ? directory : DefaultDataDirectory)
                : PrivacyOptionsValidator.TryDecode(privacy.PseudonymKey)!;
            return new Pseudonymizer(key);
        });
        services.TryAddSingleton<MessageFileReader>();
        services.AddIngestSources(configuration);
        return services;
    }
}
