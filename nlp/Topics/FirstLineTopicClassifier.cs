using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Topics;

/// <summary>
/// A topic model in two parts: one trained on whole messages, one on their first line (a government message's title,
/// 留言主题, with the taxonomy keyword documents). A message's label comes from the sum of the whole-text model's
/// log-probabilities and <see cref="FirstLineWeight"/> × the first-line model's, renormalized. The first-line model
/// is trained on short texts like the keyword documents, so it weighs the taxonomy words more than the whole-text model
/// can; on the government data the sum raised repeated 10-fold cross-validated macro-F1 by about 0.014 (bench/README.md,
/// "Government topic study"). A text without a line break is scored whole by both. Thread-safe when both parts are.
/// </summary>
internal sealed class FirstLineTopicClassifier : ITopicClassifier
{
    /// <summary>The folder beside <c>model.zip</c> that holds the first-line model (its own <c>model.zip</c> + <c>features.bin</c>).</summary>
    public const string FolderName = "first-line";

    /// <summary>Chosen by repeated cross-validation (0.3, 0.5, 0.7, 1 were within 0.002 of each other; bench/README.md).</summary>
    public const double FirstLineWeight = 0.5;

    private readonly int[] firstLineColumn;

    public FirstLineTopicClassifier(ITextClassifier whole, ITextClassifier firstLine)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(firstLine);
        Whole = whole;
        FirstLine = firstLine;
        firstLineColumn = [.. whole.Labels.Select(l => IndexOf(firstLine.Labels, l))];
        if (firstLineColumn.Any(i => i < 0))
        {
            throw new InvalidDataException(
                $"The first-line topic model knows {string.Join(", ", firstLine.Labels)}, which lacks some of the whole-text model's labels {string.Join(", ", whole.Labels)}; retrain both.");
        }
    }

    public ITextClassifier Whole { get; }

    public ITextClassifier FirstLine { get; }

    public string ModelVersion => Whole.ModelVersion;

    public IReadOnlyList<string> Labels => Whole.Labels;

    public ClassPrediction Classify(string text, IReadOnlyList<string> tokens) => ClassifyBatch([new TextInput(text, tokens)])[0];

    public IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return Combine(Whole.ClassifyBatch(inputs), inputs);
    }

    /// <summary>The whole-text model's <paramref name="whole"/> predictions of <paramref name="inputs"/> combined with the first-line model's.</summary>
    public IReadOnlyList<ClassPrediction> Combine(IReadOnlyList<ClassPrediction> whole, IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(whole);
        ArgumentNullException.ThrowIfNull(inputs);
        var first = FirstLine.ClassifyBatch([.. inputs.Select(FirstLineOf)]);
        var results = new ClassPrediction[whole.Count];
        var logits = new double[Labels.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < logits.Length; c++)
            {
                logits[c] = Math.Log(Math.Max(whole[i].Probabilities[c], 1e-12f))
                    + (FirstLineWeight * Math.Log(Math.Max(first[i].Probabilities[firstLineColumn[c]], 1e-12f)));
                max = Math.Max(max, logits[c]);
            }

            double sum = 0;
            for (var c = 0; c < logits.Length; c++)
            {
                logits[c] = Math.Exp(logits[c] - max);
                sum += logits[c];
            }

            var probabilities = new float[logits.Length];
            var best = 0;
            for (var c = 0; c < logits.Length; c++)
            {
                probabilities[c] = (float)(logits[c] / sum);
                if (probabilities[c] > probabilities[best])
                {
                    best = c;
                }
            }

            results[i] = new ClassPrediction(Labels[best], probabilities[best], probabilities);
        }

        return results;
    }

    /// <summary>
    /// The text before the first line break and the tokens that lie in it (found in order in the text; the segmenter
    /// drops whitespace but keeps every other character), or the input itself when it has no line break.
    /// </summary>
    internal static TextInput FirstLineOf(TextInput input)
    {
        var end = input.Text.IndexOf('\n', StringComparison.Ordinal);
        if (end < 0)
        {
            return input;
        }

        var tokens = new List<string>();
        var position = 0;
        foreach (var token in input.Tokens)
        {
            if (token.Length == 0)
            {
                continue;
            }

            var at = input.Text.IndexOf(token, position, StringComparison.Ordinal);
            if (at < 0)
            {
                // A token the segmenter normalized: keep it only while we are still inside the first line.
                if (position < end)
                {
                    tokens.Add(token);
                }

                continue;
            }

            if (at >= end)
            {
                break;
            }

            tokens.Add(token);
            position = at + token.Length;
        }

        return new TextInput(input.Text[..end], tokens);
    }

    private static int IndexOf(IReadOnlyList<string> labels, string label)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] == label)
            {
                return i;
            }
        }

        return -1;
    }
}
