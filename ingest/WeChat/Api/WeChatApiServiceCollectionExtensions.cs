using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Monitor.Ingest.WeChat.Api;

public static class WeChatApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWeChatApiClient"/> (singleton), its token provider and the named HttpClient, with
    /// <see cref="WeChatApiOptions"/> bound from <c>WeChat:Api</c> and validated on start. Uses the registered
    /// <see cref="TimeProvider"/> (the system clock unless one is registered before).
    /// </summary>
    public static IServiceCollection AddWeChatApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<WeChatApiOptions>()
            .Bind(configuration.GetSection(WeChatApiOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatApiOptions>, WeChatApiOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(WeChatApiTransport.HttpClientName, (provider, http) =>
        {
            var baseAddress = provider.GetRequiredService<IOptions<WeChatApiOptions>>().Value.BaseAddress;
            http.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
            // Each attempt has its own timeout in the resilience pipeline.
            http.Timeout = Timeout.InfiniteTimeSpan;
        });
        services.TryAddSingleton<WeChatApiUsage>();
        services.TryAddSingleton<WeChatApiTransport>();
        services.TryAddSingleton<WeChatAccessTokenProvider>();
        services.TryAddSingleton<IWeChatApiClient, WeChatApiClient>();
        return services;
    }
}
