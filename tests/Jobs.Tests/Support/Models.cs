using Monitor.Jobs.Pipeline;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Tests.Support;

/// <summary>The real segmenter and the committed sentiment model, loaded once for the test run.</summary>
public static class Models
{
    private static readonly string Root = FindRoot();
    private static readonly Lazy<ITextSegmenter> LazySegmenter = new(TextSegmenterFactory.CreateJieba);
    private static readonly Lazy<ISentimentClassifier> LazySentiment = new(() =>
        SentimentClassifierFactory.Load(Path.Combine(Root, "models", "sentiment", "model.zip")));

    private static readonly Lazy<IEmotionClassifier> LazyEmotion = new(() =>
        (IEmotionClassifier)TextClassifierFactory.Load(Path.Combine(Root, "models", "emotion", "model.zip"), "emotion"));

    private static readonly Lazy<ITopicClassifier> LazyTopic = new(() =>
        (ITopicClassifier)TextClassifierFactory.Load(Path.Combine(Root, "models", "topic", "model.zip"), "topic"));

    public static string RepoRoot => Root;

    /// <summary>Every model and rule of the pipeline, with <paramref name="sentiment"/> in place of the real sentiment model.</summary>
    public static MessageUnderstanding Understanding(ISentimentClassifier sentiment) => new(
        sentiment, LazyEmotion.Value, LazyTopic.Value, ServiceFunctionClassifierFactory.Create(), UrgencyScorerFactory.Create());

    public static ITextSegmenter Segmenter => LazySegmenter.Value;

    public static ISentimentClassifier Sentiment => LazySentiment.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}");
    }
}
