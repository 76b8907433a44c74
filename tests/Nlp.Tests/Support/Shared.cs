using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Tests.Support;

/// <summary>One segmenter and one classifier per test run: loading them takes about a second each.</summary>
internal static class Shared
{
    private static readonly Lazy<JiebaTextSegmenter> SegmenterInstance = new(() => new JiebaTextSegmenter());
    private static readonly Lazy<FastSegmenter> FastSegmenterInstance =
        new(() => new FastSegmenter(TextSegmenterFactory.ResourcesDirectory));
    private static readonly Lazy<ISentimentClassifier> ClassifierInstance =
        new(() => SentimentClassifierFactory.Load(RepositoryPaths.SentimentModel));

    public static ITextSegmenter Segmenter => SegmenterInstance.Value;

    internal static FastSegmenter FastSegmenter => FastSegmenterInstance.Value;

    public static ISentimentClassifier Classifier => ClassifierInstance.Value;
}
