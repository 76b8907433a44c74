using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Tests.Support;

namespace Monitor.Nlp.Tests.Sentiment;

public sealed class SentimentEvaluationTests
{
    private static readonly string SmallCsv = RepositoryPaths.TestData("sentiment-small.csv");

    // sentiment-small.csv with KeywordSentimentClassifier (positive iff 好 or 赞), worked out by hand:
    // positive rows 0,1,2,6,9 → predicted +,+,−,+,+ ; negative rows 3,4,5,7,8 → predicted −,+,−,−,+ (不好吃, 好失望).
    // TP 4, FN 1, FP 2, TN 3: accuracy 7/10; positive P 4/6 R 4/5; negative P 3/4 R 3/5.
    [Fact]
    public async Task EvaluationOfTheSmallCsvGivesTheHandComputedNumbers()
    {
        var report = await SentimentEvaluation.EvaluateAsync(
            new KeywordSentimentClassifier(), Shared.Segmenter, SmallCsv, EvaluationSplit.All, TestContext.Current.CancellationToken);

        Assert.Equal(10, report.Rows);
        Assert.Equal(0.7, report.Accuracy, 1e-9);
        Assert.Equal(new BinaryConfusionMatrix(4, 1, 2, 3), report.Confusion);
        var positive = report.Classes.Single(c => c.Label == SentimentPrediction.Positive);
        var negative = report.Classes.Single(c => c.Label == SentimentPrediction.Negative);
        Assert.Equal(4.0 / 6, positive.Precision, 1e-9);
        Assert.Equal(0.8, positive.Recall, 1e-9);
        Assert.Equal(8.0 / 11, positive.F1, 1e-9);
        Assert.Equal(5, positive.Support);
        Assert.Equal(0.75, negative.Precision, 1e-9);
        Assert.Equal(0.6, negative.Recall, 1e-9);
        Assert.Equal(2.0 / 3, negative.F1, 1e-9);
        Assert.Equal(((8.0 / 11) + (2.0 / 3)) / 2, report.MacroF1, 1e-9);
        Assert.Contains("accuracy 0.7000", report.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalibrationBinsCountEveryRow()
    {
        var report = await SentimentEvaluation.EvaluateAsync(
            new KeywordSentimentClassifier(), Shared.Segmenter, SmallCsv, EvaluationSplit.All, TestContext.Current.CancellationToken);

        Assert.Equal(10, report.Calibration.Count);
        Assert.Equal(10, report.Calibration.Sum(b => b.Count));
        var high = report.Calibration[9];
        Assert.Equal(6, high.Count);
        Assert.Equal(4.0 / 6, high.ObservedPositive, 1e-9);
    }

    [Fact]
    public async Task ValidationSplitScoresOnlyTheValidationRows()
    {
        var ct = TestContext.Current.CancellationToken;
        var all = await SentimentCsvReader.ReadAsync(SmallCsv, ct);

        var report = await SentimentEvaluation.EvaluateAsync(
            new KeywordSentimentClassifier(), Shared.Segmenter, SmallCsv, EvaluationSplit.Validation, ct);

        Assert.Equal(all.Count(r => DatasetSplit.IsValidation(r.Review)), report.Rows);
    }

    [Fact]
    public async Task CsvReaderKeepsQuotesAndNewlinesAndStripsTheByteOrderMark()
    {
        var rows = await SentimentCsvReader.ReadAsync(SmallCsv, TestContext.Current.CancellationToken);

        Assert.Equal(10, rows.Count);
        Assert.Equal("送餐慢，\" 汤洒了 \"", rows[5].Review);
        Assert.Equal("第一行\n第二行 好", rows[6].Review);
        Assert.Equal("垃圾", rows[7].Review);
        Assert.False(rows[7].Positive);
        Assert.True(rows[9].Positive);
    }
}
