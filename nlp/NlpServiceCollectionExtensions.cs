using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.FastScoring;
using Monitor.Nlp.Keywords;
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
    /// <see cref="ITextSegmenter"/> (the engine and user dictionaries of <see cref="NlpOptions"/>; by default our fast
    /// segmenter with the county dictionary), its <see cref="ISegmenterLexicon"/> for run-time words, and one
    /// <see cref="ISentimentClassifier"/> (loaded on first use); keyword extractors keyed by <see cref="KeywordMethod"/>.
    /// Also <see cref="IEmotionClassifier"/> and <see cref="ITopicClassifier"/> (models loaded on first use), and the
    /// rule-based <see cref="IServiceFunctionClassifier"/> and <see cref="IUrgencyScorer"/>.
    /// </summary>
    public static IServiceCollection AddNlp(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<NlpOptions>()
            .Bind(configuration.GetSection(NlpOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NlpOptions>, NlpOptionsValidator>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<NlpOptions>>().Value;
            return TextSegmenterFactory.Create(options.SegmenterEngine, options.EffectiveUserDictionaryPaths, options.SegmenterCompatibility);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<ITextSegmenter>() as ISegmenterLexicon
            ?? throw new InvalidOperationException(
                $"Run-time dictionary changes need {NlpOptions.SectionName}:{nameof(NlpOptions.SegmenterEngine)} = fast; jieba.NET's dictionary is process-global."));
        services.TryAddKeyedSingleton<IKeywordExtractor>(KeywordMethod.TfIdf, (sp, _) =>
            KeywordExtractors.CreateTfIdf(sp.GetRequiredService<ITextSegmenter>(), sp.GetRequiredService<IOptions<NlpOptions>>().Value.IdfPath));
        services.TryAddKeyedSingleton<IKeywordExtractor>(KeywordMethod.TextRank, (sp, _) =>
            KeywordExtractors.CreateTextRank(sp.GetRequiredService<ITextSegmenter>()));
        // Batch scoring skips ML.NET's per-row featurizer when FastScoringLoader proves the same probabilities at load.
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<NlpOptions>>().Value.SentimentModelPath;
            return FastScoringLoader.Accelerate(SentimentClassifierFactory.Load(path), path);
        });
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<NlpOptions>>().Value.EmotionModelPath;
            return (IEmotionClassifier)FastScoringLoader.Accelerate(TextClassifierFactory.Load(path, "emotion"), path);
        });
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<NlpOptions>>().Value.TopicModelPath;
            return (ITopicClassifier)FastScoringLoader.Accelerate(TextClassifierFactory.Load(path, "topic"), path);
        });
        services.TryAddSingleton(_ => ServiceFunctionClassifierFactory.Create());
        services.TryAddSingleton(_ => UrgencyScorerFactory.Create());
        return services;
    }
}
