using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Nlp;

/// <summary>Registers the NLP services.</summary>
public static class NlpServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="NlpOptions"/> from section <c>Nlp</c> (validated on start), and registers one
    /// <see cref="ITextSegmenter"/>, <see cref="ISentimentClassifier"/>, <see cref="IEmotionClassifier"/> and
    /// <see cref="ITopicClassifier"/> (models loaded on first use), and the rule-based
    /// <see cref="IServiceFunctionClassifier"/> and <see cref="IUrgencyScorer"/>.
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
        services.TryAddSingleton(sp => (IEmotionClassifier)TextClassifierFactory.Load(
            sp.GetRequiredService<IOptions<NlpOptions>>().Value.EmotionModelPath, "emotion"));
        services.TryAddSingleton(sp => (ITopicClassifier)TextClassifierFactory.Load(
            sp.GetRequiredService<IOptions<NlpOptions>>().Value.TopicModelPath, "topic"));
        services.TryAddSingleton(_ => ServiceFunctionClassifierFactory.Create());
        services.TryAddSingleton(_ => UrgencyScorerFactory.Create());
        return services;
    }
}
