using Monitor.Nlp.Classification;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Classification;

public sealed class HashedMulticlassTrainingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-hashed-multiclass-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void ATinyModelIsSavedWithItsFeaturesAndCardAndScoresItsTrainingTopicsFromAnyThread()
    {
        var rows = TinyTopics.Rows(40);
        var options = TinyTopics.Options(root);

        var report = HashedMulticlassTraining.Train(options, rows, Shared.Segmenter, null, TestContext.Current.CancellationToken);
        var classifier = TextClassifierFactory.Load(report.ModelPath, "topic");
        var tokens = Shared.Segmenter.Cut("篮球比赛");
        var parallel = Enumerable.Range(0, 64).AsParallel().Select(_ => classifier.Classify("篮球比赛", tokens).Label).ToList();

        Assert.True(File.Exists(report.CardPath));
        Assert.True(File.Exists(Path.Combine(root, HashedFeatureSpace.FileName)));
        Assert.Equal(["体育", "财经"], classifier.Labels.Order().ToArray());
        Assert.All(parallel, label => Assert.Equal("体育", label));
        Assert.StartsWith("topic-", classifier.ModelVersion, StringComparison.Ordinal);

        // The temperature fitted on the tuning rows is in features.bin, the card says so, and the fast path still
        // reproduces ML.NET with it.
        Assert.NotEqual(1f, HashedFeatureSpace.Load(Path.Combine(root, HashedFeatureSpace.FileName)).OutputScale);
        Assert.Contains("- Calibration: scores ×", File.ReadAllText(report.CardPath), StringComparison.Ordinal);
        Assert.True(Monitor.Nlp.FastScoring.FastScoringLoader.IsAccelerated(Monitor.Nlp.FastScoring.FastScoringLoader.Accelerate(classifier, report.ModelPath)));
    }

    /// <summary>
    /// The small-data path of the topic models: keyword seed documents, unlabelled texts for the IDF and self-training,
    /// settings chosen by cross-validation over the non-validation tenths, and a 10-fold cross-validation on the card.
    /// </summary>
    [Fact]
    public void SmallDataChoosesBySelfTrainingCrossValidationAndReportsTenFolds()
    {
        var rows = TinyTopics.Rows(60);
        var options = new MulticlassTrainingOptions
        {
            Name = "topic",
            OutputDirectory = root,
            Command = "test",
            DataDescription = "test rows",
            WordBits = 12,
            CharBits = 12,
            L2Candidates = [0.01f],
            BalanceCandidates = [0],
            Seeds = [new LabeledText("足球 篮球 比赛", "体育", "seed:1"), new LabeledText("股票 基金 银行", "财经", "seed:2")],
            Unlabeled = [.. Enumerable.Range(0, 30).Select(i => $"{(i % 2 == 0 ? "篮球比赛" : "股票基金")} 新闻{i}")],
            PseudoLabelThreshold = 0.5,
            CrossValidate = true,
        };

        var report = HashedMulticlassTraining.Train(options, rows, Shared.Segmenter, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, report.Candidates.Count);
        Assert.NotNull(report.CrossValidation);
        Assert.Equal(rows.Count, report.CrossValidation.Rows);
        Assert.NotNull(report.Selection);
        var card = File.ReadAllText(report.CardPath);
        Assert.Contains("9-fold cross-validation", card, StringComparison.Ordinal);
        Assert.Contains("10-fold cross-validation over all 60 labelled rows", card, StringComparison.Ordinal);
        Assert.Contains("2 keyword seed documents", card, StringComparison.Ordinal);
        Assert.True(report.CrossValidation.Accuracy > 0.9, $"cross-validated accuracy {report.CrossValidation.Accuracy:F3}");
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
