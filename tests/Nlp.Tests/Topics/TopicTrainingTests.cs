using System.Text;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.Tests.Topics;

/// <summary>
/// The custom-taxonomy path (`monitor train topic --data FILE.csv --text-column C --label-column L`) on a sample of
/// the real THUCNews titles: the model on our hashed TF-IDF features is trained from a CSV, saved with its
/// <c>features.bin</c>, loaded back and scores its held-out rows.
/// </summary>
public sealed class TopicTrainingTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "nlp-topic-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ACsvOfNewsTitlesTrainsATfIdfModelThatClassifiesItsHeldOutTitles()
    {
        var ct = TestContext.Current.CancellationToken;
        var source = Path.Combine(CorpusLines.DataRoot, "thucnews_titles", "thucnews_titles.csv");
        var all = await LabeledCsvReader.ReadAsync(source, ["text"], "label_name", ct);
        // Every 5th title (3,200 rows, ~320 per class): enough to learn the ten sections, small enough for a unit test.
        var sample = all.Where((_, i) => i % 5 == 0).ToList();
        Directory.CreateDirectory(root);
        var csv = Path.Combine(root, "sample.csv");
        await File.WriteAllLinesAsync(
            csv,
            sample.Select(r => $"\"{r.Text.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.Label}").Prepend("title,section"),
            new UTF8Encoding(false),
            ct);

        var report = await TopicTraining.TrainAsync(
            new TopicTrainingOptions { DataFile = csv, TextColumns = ["title"], LabelColumn = "section", OutputDirectory = Path.Combine(root, "model") },
            Shared.FastSegmenter,
            null,
            ct);
        var classifier = TextClassifierFactory.Load(Path.Combine(root, "model"), "topic");
        var heldOut = sample.Where(r => DatasetSplit.IsValidation(r.Text)).ToList();
        var predicted = classifier.ClassifyBatch(heldOut.ConvertAll(r => new TextInput(r.Text, Shared.FastSegmenter.Cut(r.Text))));
        var accuracy = heldOut.Zip(predicted).Count(x => x.First.Label == x.Second.Label) / (double)heldOut.Count;
        var card = await File.ReadAllTextAsync(report.CardPath, ct);

        Assert.Equal(10, classifier.Labels.Count);
        Assert.InRange(heldOut.Count, 250, 400);
        Assert.Equal(report.Validation.Accuracy, accuracy, 6);
        // Ten balanced classes: chance is 0.10; the full 16,000-row model reaches 0.87 (models/thucnews-titles/CARD.md).
        Assert.True(accuracy >= 0.70, $"held-out accuracy {accuracy:F3}");
        Assert.Contains("IDF", card, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "model", HashedFeatureSpace.FileName)));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
