using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Nlp.Tests.Support;

/// <summary>One segmenter and one classifier per test run: loading them takes about a second each.</summary>
internal static class Shared
{
    private static readonly Lazy<JiebaTextSegmenter> SegmenterInstance = new(() => new JiebaTextSegmenter());
    private static readonly Lazy<FastSegmenter> FastSegmenterInstance =
        new(() => new FastSegmenter(TextSegmenterFactory.ResourcesDirectory));
    private static readonly Lazy<FastSegmenter> FastJiebaNetInstance =
        new(() => new FastSegmenter(TextSegmenterFactory.ResourcesDirectory, compatibility: JiebaCompatibility.JiebaNet));
    private static readonly Lazy<ISentimentClassifier> ClassifierInstance =
        new(() => SentimentClassifierFactory.Load(RepositoryPaths.SentimentModel));

    public static ITextSegmenter Segmenter => SegmenterInstance.Value;

    /// <summary>The fast segmenter as <c>./monitor segment</c> runs it: Python jieba's tie-breaks, no user dictionary.</summary>
    internal static FastSegmenter FastSegmenter => FastSegmenterInstance.Value;

    /// <summary>The fast segmenter with jieba.NET's tie-breaks, for the differential tests against jieba.NET.</summary>
    internal static FastSegmenter FastJiebaNet => FastJiebaNetInstance.Value;

    public static ISentimentClassifier Classifier => ClassifierInstance.Value;
}
