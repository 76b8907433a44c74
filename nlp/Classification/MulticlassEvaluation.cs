using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Classification;

/// <summary>Scores labelled texts with a multiclass model.</summary>
public static class MulticlassEvaluation
{
    private const int BatchSize = 2048;

    public static MulticlassReport Evaluate(ITextClassifier classifier, ITextSegmenter segmenter, IReadOnlyList<LabeledText> rows, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ct.ThrowIfCancellationRequested();
        return Evaluate(classifier, rows, t => segmenter.Cut(t));
    }

    internal static MulticlassReport Evaluate(ITextClassifier classifier, IReadOnlyList<LabeledText> rows, Func<string, IReadOnlyList<string>> tokens)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(rows);
        var predictions = new List<ClassPrediction>(rows.Count);
        foreach (var chunk in rows.Chunk(BatchSize))
        {
            predictions.AddRange(classifier.ClassifyBatch(chunk.Select(r => new TextInput(r.Text, tokens(r.Text))).ToList()));
        }

        return MulticlassReportBuilder.Build(rows.Select(r => r.Label).ToList(), predictions, classifier.Labels);
    }
}
