using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Index.Corrections;
using Monitor.Ingest;
using Monitor.Jobs.Retraining;
using Monitor.Jobs.Tests.Alerts;
using Monitor.Jobs.Tests.Support;
using Monitor.Nlp;
using Monitor.Nlp.Emotion;

namespace Monitor.Jobs.Tests.Retraining;

/// <summary>
/// Retraining on a small synthetic emotion corpus of our own (three classes, each with its own words): corrections
/// that agree with the data give a candidate that is not worse and is promoted; corrections that teach the opposite
/// give a worse candidate that is kept but not promoted.
/// </summary>
public sealed class ModelRetrainerTests : IDisposable
{
    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["angry"] = ["愤怒", "气愤", "投诉", "恼火", "可恶", "太差", "无法忍受", "骂人"],
        ["happy"] = ["开心", "高兴", "感谢", "点赞", "满意", "好评", "快乐", "称赞"],
        ["sad"] = ["难过", "伤心", "失望", "遗憾", "痛心", "哭泣", "可怜", "心疼"],
    };

    private static readonly string[] Filler = ["今天", "社区", "街道", "我们", "这个", "办理", "窗口", "服务", "事情", "小区", "师傅", "一下"];

    private readonly TestStore _store = new();
    private readonly string _dataRoot;
    private readonly string _deployed;

    public ModelRetrainerTests()
    {
        _dataRoot = Path.Combine(_store.Directory, "public");
        _deployed = Path.Combine(_store.Directory, "deployed");
        var random = new Random(7);
        foreach (var file in EmotionTraining.Files)
        {
            var path = Path.Combine(_dataRoot, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var lines = Words.Keys.SelectMany(label => Enumerable.Range(0, 70).Select(i =>
                JsonSerializer.Serialize(new { id = i, content = Sentence(random, label), label, orig_file = Path.GetFileName(file), src_row = i })));
            File.WriteAllLines(path, lines);
        }
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task AgreeingCorrectionsArePromotedIntoANewVersionAndTheDeployedModelIsKept()
    {
        await TrainDeployedAsync();
        var deployedHash = Hash(Path.Combine(_deployed, "emotion", "model.zip"));
        var random = new Random(11);
        await CorrectAsync(Words.Keys.SelectMany(label => Enumerable.Range(0, 5).Select(_ => (Sentence(random, label), label))).ToList());
        var retrainer = Retrainer(minNew: 10);

        var outcome = await retrainer.RetrainAsync(LabelTasks.Emotion, Token);

        Assert.Equal(RetrainingDecision.Promoted, outcome.Decision);
        Assert.Equal(15, outcome.Corrections);
        Assert.NotNull(outcome.CurrentMacroF1);
        Assert.True(outcome.CandidateMacroF1 >= outcome.CurrentMacroF1, $"{outcome.CandidateMacroF1} < {outcome.CurrentMacroF1}");
        var version = Path.Combine(retrainer.TaskDirectory("emotion"), outcome.Version!);
        Assert.True(File.Exists(Path.Combine(version, "model.zip")));
        var card = await File.ReadAllTextAsync(Path.Combine(version, "CARD.md"), Token);
        Assert.Contains("## Retraining from corrections", card, StringComparison.Ordinal);
        Assert.Contains("**Promoted**", card, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(version, "model.zip"), retrainer.CurrentModelPath("emotion"));
        Assert.Equal(deployedHash, Hash(Path.Combine(_deployed, "emotion", "model.zip")));
        Assert.Empty(Directory.GetDirectories(retrainer.TaskDirectory("emotion"), ".work-*"));

        // Nothing new since: the next run trains nothing.
        Assert.Equal(RetrainingDecision.Skipped, (await retrainer.RetrainAsync(LabelTasks.Emotion, Token)).Decision);
    }

    [Fact]
    public async Task CorrectionsThatMakeTheModelWorseAreKeptButNotPromoted()
    {
        await TrainDeployedAsync();
        var random = new Random(13);
        // Far more "corrections" than the corpus has happy rows, all calling happy words angry.
        await CorrectAsync(Enumerable.Range(0, 300).Select(_ => (Sentence(random, "happy"), "angry")).ToList());
        var retrainer = Retrainer(minNew: 10);

        var outcome = await retrainer.RetrainAsync(LabelTasks.Emotion, Token);

        Assert.Equal(RetrainingDecision.Rejected, outcome.Decision);
        Assert.True(outcome.CandidateMacroF1 < outcome.CurrentMacroF1, $"{outcome.CandidateMacroF1} >= {outcome.CurrentMacroF1}");
        Assert.Equal(Path.Combine(_deployed, "emotion", "model.zip"), retrainer.CurrentModelPath("emotion"));
        var card = await File.ReadAllTextAsync(Path.Combine(retrainer.TaskDirectory("emotion"), outcome.Version!, "CARD.md"), Token);
        Assert.Contains("**Rejected**", card, StringComparison.Ordinal);
        Assert.Equal(RetrainingDecision.Skipped, (await retrainer.RetrainAsync(LabelTasks.Emotion, Token)).Decision);
    }

    [Fact]
    public async Task TooFewNewCorrectionsTrainNothing()
    {
        await CorrectAsync([("今天 社区 开心", "happy")]);

        var outcome = await Retrainer(minNew: 2).RetrainAsync(LabelTasks.Emotion, Token);

        Assert.Equal(RetrainingDecision.Skipped, outcome.Decision);
        Assert.Equal(1, outcome.NewCorrections);
        Assert.Null(outcome.Version);
    }

    private async Task TrainDeployedAsync() =>
        await EmotionTraining.TrainAsync(_dataRoot, Path.Combine(_deployed, "emotion"), Models.Segmenter, null, Token);

    private ModelRetrainer Retrainer(int minNew) => new(
        (ILabelCorrections)_store.Store,
        Models.Segmenter,
        Options.Create(new RetrainingOptions { DataRoot = _dataRoot, MinNewCorrections = minNew }),
        Options.Create(new NlpOptions { ModelsPath = _deployed }),
        _store.Directory,
        new ManualClock(new DateTimeOffset(2026, 11, 22, 19, 30, 0, TimeSpan.Zero)),
        NullLogger<ModelRetrainer>.Instance);

    private Task CorrectAsync(IReadOnlyList<(string Text, string Label)> corrections) => Corrections.AddAsync(_store, LabelTasks.Emotion, corrections, Token);

    private static string Sentence(Random random, string label)
    {
        var words = new[] { Words[label][random.Next(8)], Words[label][random.Next(8)], Filler[random.Next(Filler.Length)], Filler[random.Next(Filler.Length)], Filler[random.Next(Filler.Length)] };
        random.Shuffle(words);
        return string.Concat(words);
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
