using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Jobs.Cli;

/// <summary><c>monitor train sentiment|emotion|topic</c>: trains on labelled data and writes the model with its card, showing progress.</summary>
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

    public static async Task<int> RunEmotionAsync(
        ITextSegmenter segmenter, string dataRoot, string outputDirectory, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var missing = EmotionTraining.Files.Select(f => Path.Combine(dataRoot, f)).Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            await progress.WriteLineAsync($"--data: missing {string.Join(", ", missing)}");
            return 1;
        }

        var report = await EmotionTraining.TrainAsync(dataRoot, outputDirectory, segmenter, new Progress<string>(line => progress.WriteLine(line)), cancellationToken);
        await progress.WriteLineAsync(Summary(report));
        return 0;
    }

    public static async Task<int> RunTopicAsync(ITextSegmenter segmenter, TopicTrainingOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var missing = options.UnlabeledFiles.Append(options.DataFile).Append(options.TaxonomyFile).OfType<string>().Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
        {
            await progress.WriteLineAsync($"missing file(s): {string.Join(", ", missing)}");
            return 1;
        }

        try
        {
            var report = await TopicTraining.TrainAsync(options, segmenter, new Progress<string>(line => progress.WriteLine(line)), cancellationToken);
            await progress.WriteLineAsync(Summary(report));
            return 0;
        }
        catch (InvalidDataException ex)
        {
            await progress.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private static string Summary(MulticlassTrainingReport report)
    {
        var cv = report.CrossValidation is { } c ? FormattableString.Invariant($", 10-fold macro-F1 {c.MacroF1:0.0000}") : string.Empty;
        return FormattableString.Invariant(
            $"{report.ModelVersion}: {report.Setting}, validation accuracy {report.Validation.Accuracy:0.0000}, macro-F1 {report.Validation.MacroF1:0.0000}{cv}; card {report.CardPath}");
    }
}
