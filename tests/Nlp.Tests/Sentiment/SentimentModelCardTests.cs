using System.Globalization;
using System.Text.RegularExpressions;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Sentiment;

/// <summary>
/// The committed sentiment model's card must tell the truth: each corpus's validation accuracy in
/// <c>models/sentiment/CARD.md</c> is what the committed model scores on that corpus's validation rows of
/// <c>../shared/data</c>, segmented as the pipeline segments (fast engine + county dictionary). A model retrained
/// without its card, or a card edited by hand, fails here.
/// </summary>
public sealed class SentimentModelCardTests
{
    [Fact]
    public async Task TheCardsValidationAccuraciesAreWhatTheCommittedModelScores()
    {
        var ct = TestContext.Current.CancellationToken;
        var card = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "models", "sentiment", "CARD.md"), ct);
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var checkedCorpora = 0;
        foreach (var corpus in SentimentCorpus.Defaults)
        {
            var row = CardRow(corpus.Name).Match(card);
            Assert.True(row.Success, $"CARD.md has no validation row for {corpus.Name}");
            var report = await SentimentEvaluation.EvaluateAsync(
                Shared.Classifier, segmenter, Path.Combine(CorpusLines.DataRoot, corpus.RelativePath), EvaluationSplit.Validation, ct);

            Assert.Equal(int.Parse(row.Groups["rows"].Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture), report.Rows);
            Assert.Equal(double.Parse(row.Groups["accuracy"].Value, CultureInfo.InvariantCulture), report.Accuracy, 0.00006);
            checkedCorpora++;
        }

        Assert.Equal(4, checkedCorpora);
    }

    /// <summary>A row of the card's "Validation results per corpus" table: | name | rows | accuracy | ….</summary>
    private static Regex CardRow(string corpus) =>
        new($@"^\| {Regex.Escape(corpus)} \| (?<rows>[\d,]+) \| (?<accuracy>0\.\d{{4}}) \|", RegexOptions.Multiline);
}
