using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor train sentiment</c>: trains on the labelled corpora and writes the model with its card.</summary>
public static class TrainCommand
{
    public static async Task<int> RunSentimentAsync(
        ITextSegmenter segmenter, string dataRoot, string outputDirectory, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!Directory.Exists(dataRoot))
        {
            await progress.WriteLineAsync($"--data: folder '{dataRoot}' does not exist");
            return 1;
        }

        var report = await SentimentTraining.TrainAsync(
            new SentimentTrainingOptions { DataRoot = dataRoot, OutputDirectory = outputDirectory, Seed = 1 },
            segmenter,
            new Progress<string>(line => progress.WriteLine(line)),
            cancellationToken);
        await progress.WriteLineAsync(string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{report.ModelVersion}: {report.Trainer}, validation accuracy {report.Overall.Accuracy:0.0000}, macro-F1 {report.Overall.MacroF1:0.0000}; card {report.CardPath}"));
        return 0;
    }
}
