using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp;

/// <summary>Registers the NLP services.</summary>
public static class NlpServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NlpOptions"/> from section <c>Nlp</c> (validated on start), and registers one
    /// <see cref="ITextSegmenter"/> and one <see cref="ISentimentClassifier"/> (loaded on first use).
    /// </summary>
    public static IServiceCollection AddNlp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NlpOptions>()
            .Bind(configuration.GetSection(NlpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NlpOptions>, NlpOptionsValidator>());
        services.TryAddSingleton<ITextSegmenter, JiebaTextSegmenter>();
        services.TryAddSingleton(sp =>
            SentimentClassifierFactory.Load(sp.GetRequiredService<IOptions<NlpOptions>>().Value.SentimentModelPath));
        return services;
    }
}
