using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Sentiment;

public sealed class SentimentTrainingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-training-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task TrainingOnTinyCorporaWritesALoadableModelAndACard()
    {
        var ct = TestContext.Current.CancellationToken;
        var data = Path.Combine(root, "data");
        string[] files =
        [
            "chnsenticorp_htl_all/ChnSentiCorp_htl_all.csv",
            "waimai_10k/waimai_10k.csv",
            "online_shopping_10_cats/online_shopping_10_cats.csv",
            "weibo_senti_100k_subset/weibo_senti_100k_subset.csv",
        ];
        foreach (var file in files)
        {
            var path = Path.Combine(data, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(RepositoryPaths.TestData("sentiment-small.csv"), path);
        }

        var options = new SentimentTrainingOptions { DataRoot = data, OutputDirectory = Path.Combine(root, "out") };
        var messages = new List<string>();

        var report = await SentimentTraining.TrainAsync(options, Shared.Segmenter, new SynchronousProgress(messages), ct);

        Assert.True(File.Exists(report.ModelPath));
        Assert.Equal(4, report.Corpora.Count);
        Assert.All(report.Corpora, c => Assert.Equal(10, c.TrainRows + c.ValidationRows));
        Assert.NotEmpty(report.Candidates);
        Assert.NotEmpty(messages);
        var card = await File.ReadAllTextAsync(report.CardPath, ct);
        Assert.Contains("./monitor train sentiment --data ../shared/data", card, StringComparison.Ordinal);
        Assert.Contains("## Calibration", card, StringComparison.Ordinal);
        var classifier = SentimentClassifierFactory.Load(report.ModelPath);
        Assert.Equal(report.ModelVersion, classifier.ModelVersion);
    }

    [Fact]
    public async Task MissingCorporaAreNamedInTheError()
    {
        var options = new SentimentTrainingOptions { DataRoot = Path.Combine(root, "nothing"), OutputDirectory = root };

        var error = await Assert.ThrowsAsync<FileNotFoundException>(
            () => SentimentTraining.TrainAsync(options, Shared.Segmenter, null, TestContext.Current.CancellationToken));

        Assert.Contains("waimai_10k.csv", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private sealed class SynchronousProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
