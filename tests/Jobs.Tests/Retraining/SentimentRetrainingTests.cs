using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Index.Corrections;
using Monitor.Ingest;
using Monitor.Jobs.Retraining;
using Monitor.Jobs.Tests.Alerts;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Tests.Retraining;

/// <summary>
/// Retraining the binary sentiment model on four small synthetic corpora of our own, laid out as the public ones
/// (same relative paths and columns, label 1/0): corrections that agree with the data are promoted and loaded by the
/// pipeline at its next start; corrections calling positive messages negative give a less accurate candidate that is
/// kept but not promoted.
/// </summary>
public sealed class SentimentRetrainingTests : IDisposable
{
    private static readonly Dictionary<bool, string[]> Words = new()
    {
        [true] = ["开心", "满意", "感谢", "点赞", "好评", "方便", "及时", "称赞"],
        [false] = ["失望", "投诉", "太差", "恼火", "差评", "拖延", "敷衍", "糟糕"],
    };

    private static readonly string[] Filler = ["今天", "社区", "街道", "我们", "这个", "办理", "窗口", "服务", "事情", "小区", "师傅", "一下"];

    private readonly TestStore _store = new();
    private readonly string _dataRoot;
    private readonly string _deployed;

    public SentimentRetrainingTests()
    {
        _dataRoot = Path.Combine(_store.Directory, "public");
        _deployed = Path.Combine(_store.Directory, "deployed");
        var random = new Random(5);
        foreach (var file in SentimentTraining.Files)
        {
            var path = Path.Combine(_dataRoot, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // online_shopping_10_cats has a leading category column; the others are label,review,src_row.
            var withCategory = file.StartsWith("online_shopping", StringComparison.Ordinal);
            var lines = new List<string> { withCategory ? "cat,label,review,src_row" : "label,review,src_row" };
            lines.AddRange(Enumerable.Range(0, 120).Select(i =>
            {
                var positive = i % 2 == 0;
                var row = $"{(positive ? 1 : 0)},\"{Sentence(random, positive)}\",{i}";
                return withCategory ? "书籍," + row : row;
            }));
            File.WriteAllLines(path, lines);
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task AgreeingCorrectionsArePromotedAndThePipelineLoadsThePromotedVersion()
    {
        await TrainDeployedAsync();
        var deployedModel = Path.Combine(_deployed, "sentiment", "model.zip");
        var deployedHash = Hash(deployedModel);
        var random = new Random(11);
        await CorrectAsync(Enumerable.Range(0, 20).Select(i => (Sentence(random, i % 2 == 0), i % 2 == 0 ? "positive" : "negative")).ToList());
        var retrainer = Retrainer(minNew: 10);

        var outcome = await retrainer.RetrainAsync(LabelTasks.Sentiment, Token);

        Assert.Equal(RetrainingDecision.Promoted, outcome.Decision);
        Assert.Equal(20, outcome.Corrections);
        Assert.Equal("accuracy", outcome.Metric);
        Assert.NotNull(outcome.CurrentMacroF1);
        Assert.True(outcome.CandidateMacroF1 >= outcome.CurrentMacroF1, $"{outcome.CandidateMacroF1} < {outcome.CurrentMacroF1}");
        var version = Path.Combine(retrainer.TaskDirectory("sentiment"), outcome.Version!);
        Assert.True(File.Exists(Path.Combine(version, "features.bin")));
        var card = await File.ReadAllTextAsync(Path.Combine(version, "CARD.md"), Token);
        Assert.Contains("## Retraining from corrections", card, StringComparison.Ordinal);
        Assert.Contains("**Promoted**", card, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(version, "model.zip"), retrainer.CurrentModelPath("sentiment"));
        Assert.Equal(deployedHash, Hash(deployedModel));
        Assert.Empty(Directory.GetDirectories(retrainer.TaskDirectory("sentiment"), ".work-*"));

        // The corrections changed the training data, so the promoted file differs from the deployed one, and the
        // pipeline's classifier is the promoted one.
        Assert.NotEqual(SentimentClassifierFactory.ModelVersionOf(deployedModel), outcome.CandidateModelVersion);
        using (var services = Build())
        {
            Assert.Equal(outcome.CandidateModelVersion, services.GetRequiredService<ISentimentClassifier>().ModelVersion);
        }

        Assert.Equal(RetrainingDecision.Skipped, (await retrainer.RetrainAsync(LabelTasks.Sentiment, Token)).Decision);
    }

    [Fact]
    public async Task CorrectionsThatMakeTheModelLessAccurateAreKeptButNotPromoted()
    {
        await TrainDeployedAsync();
        var random = new Random(13);
        // Far more "corrections" than the corpora have positive rows in the weibo file, all calling positive words negative.
        await CorrectAsync(Enumerable.Range(0, 300).Select(_ => (Sentence(random, positive: true), "negative")).ToList());
        var retrainer = Retrainer(minNew: 10);

        var outcome = await retrainer.RetrainAsync(LabelTasks.Sentiment, Token);

        Assert.Equal(RetrainingDecision.Rejected, outcome.Decision);
        Assert.True(outcome.CandidateMacroF1 < outcome.CurrentMacroF1, $"{outcome.CandidateMacroF1} >= {outcome.CurrentMacroF1}");
        Assert.Equal(Path.Combine(_deployed, "sentiment", "model.zip"), retrainer.CurrentModelPath("sentiment"));
        Assert.Null(retrainer.PromotedModelPath("sentiment"));
        var card = await File.ReadAllTextAsync(Path.Combine(retrainer.TaskDirectory("sentiment"), outcome.Version!, "CARD.md"), Token);
        Assert.Contains("**Rejected**", card, StringComparison.Ordinal);
        Assert.Contains("accuracy", card, StringComparison.Ordinal);
    }

    [Fact]
    public void SentimentIsRetrainedByDefault() =>
        Assert.Contains(LabelTasks.Sentiment, new RetrainingOptions().EffectiveTasks);

    private async Task TrainDeployedAsync() =>
        await SentimentTraining.TrainAsync(
            new SentimentTrainingOptions { DataRoot = _dataRoot, OutputDirectory = Path.Combine(_deployed, "sentiment") }, Models.Segmenter, null, Token);

    private ModelRetrainer Retrainer(int minNew) => new(
        (ILabelCorrections)_store.Store,
        Models.Segmenter,
        Options.Create(new RetrainingOptions { DataRoot = _dataRoot, MinNewCorrections = minNew }),
        Options.Create(new NlpOptions { ModelsPath = _deployed }),
        _store.Directory,
        new ManualClock(new DateTimeOffset(2026, 11, 22, 19, 30, 0, TimeSpan.Zero)),
        NullLogger<ModelRetrainer>.Instance);

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:DataDirectory"] = _store.Directory,
            ["Nlp:ModelsPath"] = _deployed,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(_store.Store);
        services.AddNlp(configuration);
        services.AddJobs(configuration, runInBackground: false);
        return services.BuildServiceProvider();
    }

    private Task CorrectAsync(List<(string Text, string Label)> corrections) => Corrections.AddAsync(_store, LabelTasks.Sentiment, corrections, Token);

    private static string Sentence(Random random, bool positive)
    {
        var words = new[] { Words[positive][random.Next(8)], Words[positive][random.Next(8)], Filler[random.Next(Filler.Length)], Filler[random.Next(Filler.Length)], Filler[random.Next(Filler.Length)] };
        random.Shuffle(words);
        return string.Concat(words);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
