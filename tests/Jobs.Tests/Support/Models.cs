using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Tests.Support;

/// <summary>The real segmenter and the committed sentiment model, loaded once for the test run.</summary>
public static class Models
{
    private static readonly string Root = FindRoot();
    private static readonly Lazy<ITextSegmenter> LazySegmenter = new(TextSegmenterFactory.CreateJieba);
    private static readonly Lazy<ISentimentClassifier> LazySentiment = new(() =>
        SentimentClassifierFactory.Load(Path.Combine(Root, "models", "sentiment", "model.zip")));

    public static string RepoRoot => Root;

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
