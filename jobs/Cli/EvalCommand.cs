using System.Globalization;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor eval sentiment</c>: the model's accuracy on a labelled file, failing below a threshold.</summary>
public static class EvalCommand
{
    public static async Task<int> RunSentimentAsync(
        ISentimentClassifier classifier, ITextSegmenter segmenter, string file, bool validationOnly, double? minAccuracy,
        TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!File.Exists(file))
        {
            await output.WriteLineAsync($"--data: file '{file}' does not exist");
            return 1;
        }

        var report = await SentimentEvaluation.EvaluateAsync(
            classifier, segmenter, file, validationOnly ? EvaluationSplit.Validation : EvaluationSplit.All, cancellationToken);
        await output.WriteLineAsync(report.ToText());
        if (minAccuracy is { } min && report.Accuracy < min)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"FAIL: accuracy {report.Accuracy:0.0000} is below the required {min:0.0000} on {file}"));
            return 1;
        }

        return 0;
    }
}
