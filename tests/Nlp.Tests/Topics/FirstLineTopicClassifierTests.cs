using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.Tests.Topics;

/// <summary>
/// The two-part topic model: a whole-text model and a first-line (title) model whose log-probabilities are added.
/// Training writes the second part beside the first, loading joins them, a model trained without it leaves no stale
/// part behind, and the committed government model's card reports what the two parts score together.
/// </summary>
public sealed class FirstLineTopicClassifierTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-first-line-" + Guid.NewGuid().ToString("N"));

    /// <summary>The pipeline segments whole messages; the first line's tokens must be the ones the title alone gets, as in training.</summary>
    [Fact]
    public async Task TheFirstLinesTokensOfARealMessageAreTheTitlesOwnTokens()
    {
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var rows = (await LabeledCsvReader.ReadAsync(
            Path.Combine(CorpusLines.DataRoot, "gov_messages_teddy2020", "messages_labeled.csv"), ["留言主题", "留言详情"], "一级分类", TestContext.Current.CancellationToken))
            .Take(100).ToList();
        var withTitle = 0;
        foreach (var row in rows)
        {
            var line = FirstLineTopicClassifier.FirstLineOf(new TextInput(row.Text, segmenter.Cut(row.Text)));
            var title = row.Text[..row.Text.IndexOf('\n', StringComparison.Ordinal)];
            Assert.Equal(title, line.Text);
            Assert.Equal(segmenter.Cut(title).Where(t => !string.IsNullOrWhiteSpace(t)), line.Tokens.Where(t => !string.IsNullOrWhiteSpace(t)));
            withTitle++;
        }

        Assert.Equal(100, withTitle);
        var single = new TextInput("路灯坏了", ["路灯", "坏", "了"]);
        Assert.Same(single, FirstLineTopicClassifier.FirstLineOf(single));
    }

    [Fact]
    public void TrainingWithAFirstLineModelSavesBothPartsAndAPlainRetrainRemovesTheOldPart()
    {
        var ct = TestContext.Current.CancellationToken;
        // Titles carry the topic; the bodies are shared filler, so only the first line tells the classes apart.
        var rows = TinyTopics.Rows(40).ConvertAll(r => r with { Text = r.Text + "\n请有关部门尽快处理 谢谢" });
        var report = HashedMulticlassTraining.Train(TinyTopics.Options(root, firstLineModel: true), rows, Shared.Segmenter, null, ct);
        var twoPart = TextClassifierFactory.Load(report.ModelPath, "topic");
        var input = new TextInput("篮球比赛\n请有关部门尽快处理", Shared.Segmenter.Cut("篮球比赛\n请有关部门尽快处理"));
        var combined = twoPart.ClassifyBatch([input])[0];

        var parts = Assert.IsType<FirstLineTopicClassifier>(twoPart);
        Assert.True(File.Exists(Path.Combine(root, FirstLineTopicClassifier.FolderName, "model.zip")));
        Assert.True(File.Exists(Path.Combine(root, FirstLineTopicClassifier.FolderName, HashedFeatureSpace.FileName)));
        Assert.Equal("体育", combined.Label);
        Assert.Equal(1.0, combined.Probabilities.Sum(p => (double)p), 4);

        // The served probabilities are the renormalized sum of the whole-text and 0.5 × the first-line log-probabilities.
        var whole = parts.Whole.ClassifyBatch([input])[0];
        var first = parts.FirstLine.ClassifyBatch([FirstLineTopicClassifier.FirstLineOf(input)])[0];
        var logits = parts.Labels.Select(l => Math.Log(whole.ProbabilityOf(parts.Whole.Labels, l)) + (0.5 * Math.Log(first.ProbabilityOf(parts.FirstLine.Labels, l)))).ToArray();
        var expected = logits.Select(x => Math.Exp(x) / logits.Sum(Math.Exp)).ToArray();
        Assert.All(expected.Zip(combined.Probabilities), p => Assert.InRange(Math.Abs(p.First - p.Second), 0, 1e-5));

        HashedMulticlassTraining.Train(TinyTopics.Options(root), rows, Shared.Segmenter, null, ct);
        Assert.False(Directory.Exists(Path.Combine(root, FirstLineTopicClassifier.FolderName)));
        Assert.IsNotType<FirstLineTopicClassifier>(TextClassifierFactory.Load(report.ModelPath, "topic"));
    }

    /// <summary>
    /// The committed government topic model is the two-part model, on the fast path, and its card's validation
    /// macro-F1 is what it scores on the validation tenth of <c>../shared/data</c>.
    /// </summary>
    [Fact]
    public async Task TheCommittedGovernmentModelIsTwoPartAndItsCardTellsWhatItScores()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(RepositoryPaths.Root, "models", "topic");
        var model = TextClassifierFactory.Load(folder, "topic");
        var card = await File.ReadAllTextAsync(Path.Combine(folder, "CARD.md"), ct);
        var rows = (await LabeledCsvReader.ReadAsync(
            Path.Combine(CorpusLines.DataRoot, "gov_messages_teddy2020", "messages_labeled.csv"), ["留言主题", "留言详情"], "一级分类", ct))
            .Where(r => DatasetSplit.IsValidation(r.Text)).ToList();
        var report = MulticlassEvaluation.Evaluate(model, TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]), rows, ct);
        var row = new Regex(@"^\| \*\*all\*\* \| [\d,]+ \| (?<rows>\d+) \| (?<accuracy>0\.\d{4}) \| (?<f1>0\.\d{4}) \|", RegexOptions.Multiline).Match(card);

        Assert.IsType<FirstLineTopicClassifier>(model);
        Assert.True(Monitor.Nlp.FastScoring.FastScoringLoader.IsAccelerated(Monitor.Nlp.FastScoring.FastScoringLoader.Accelerate(model, folder)));
        Assert.True(row.Success, "CARD.md has no **all** validation row");
        Assert.Equal(int.Parse(row.Groups["rows"].Value, CultureInfo.InvariantCulture), report.Rows);
        Assert.Equal(double.Parse(row.Groups["f1"].Value, CultureInfo.InvariantCulture), report.MacroF1, 0.00006);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
