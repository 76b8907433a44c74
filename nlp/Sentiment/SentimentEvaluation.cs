using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Sentiment;

/// <summary>Scores a labelled sentiment CSV (<c>label</c> 1/0, <c>review</c>) with a classifier.</summary>
public static class SentimentEvaluation
{
    private const int BatchSize = 2048;

    public static async Task<EvaluationReport> EvaluateAsync(
        ISentimentClassifier classifier,
        ITextSegmenter segmenter,
        string csvFile,
        EvaluationSplit split,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentException.ThrowIfNullOrEmpty(csvFile);
        var rows = await SentimentCsvReader.ReadAsync(csvFile, ct);
        var selected = split == EvaluationSplit.Validation
            ? rows.Where(r => DatasetSplit.IsValidation(r.Review)).ToList()
            : rows;
        return Evaluate(classifier, segmenter, selected, ct);
    }

    internal static EvaluationReport Evaluate(
        ISentimentClassifier classifier,
        ITextSegmenter segmenter,
        IReadOnlyList<LabeledReview> rows,
        CancellationToken ct)
    {
        var probabilities = new List<double>(rows.Count);
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            ct.ThrowIfCancellationRequested();
            var inputs = chunk.Select(r => new SentimentInput(r.Review, segmenter.Cut(r.Review))).ToList();
            probabilities.AddRange(classifier.ClassifyBatch(inputs).Select(p => p.PositiveProbability));
        }

        return EvaluationReportBuilder.Build(rows.Select(r => r.Positive).ToList(), probabilities);
    }
}
