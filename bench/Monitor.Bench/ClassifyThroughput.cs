using System.Diagnostics;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;

namespace Monitor.Bench;

/// <summary>
/// Batch scoring throughput of the sentiment and emotion models on one thread, next to the segmenter that feeds them
/// (the baseline, timed in the same run on the same texts):
/// <c>Monitor.Bench classify FILE [models dir] [passes]</c>, one text per line. Prints messages/s per stage.
/// </summary>
public static class ClassifyThroughput
{
    private const int BatchSize = 1024;

    public static int Run(string[] args)
    {
        var lines = File.ReadAllLines(args[0]).Where(l => l.Length > 0).ToArray();
        var models = args.Length > 1 ? args[1] : "models";
        var passes = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 3;
        var segmenter = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        var sentiment = SentimentClassifierFactory.Load(Path.Combine(models, "sentiment", "model.zip"));
        var emotion = TextClassifierFactory.Load(Path.Combine(models, "emotion", "model.zip"), "emotion");
        var inputs = lines.Select(l => new TextInput(l, segmenter.Cut(l))).ToArray();
        Console.WriteLine($"{lines.Length} texts; {sentiment.ModelVersion}, {emotion.ModelVersion}");
        for (var pass = 0; pass < passes; pass++)
        {
            var segment = Time(() =>
            {
                foreach (var line in lines)
                {
                    segmenter.Cut(line);
                }
            });
            var sentimentTime = Time(() =>
            {
                foreach (var chunk in inputs.Chunk(BatchSize))
                {
                    sentiment.ClassifyBatch(chunk.Select(i => new SentimentInput(i.Text, i.Tokens)).ToList());
                }
            });
            var emotionTime = Time(() =>
            {
                foreach (var chunk in inputs.Chunk(BatchSize))
                {
                    emotion.ClassifyBatch(chunk);
                }
            });
            var space = HashedFeatureSpace.Load(Path.Combine(models, "sentiment", HashedFeatureSpace.FileName));
            var featurizeTime = Time(() =>
            {
                foreach (var input in inputs)
                {
                    space.Featurize(input.Text, input.Tokens);
                }
            });
            Console.WriteLine($"pass {pass + 1}: sentiment featurizer alone {lines.Length / featurizeTime:N0} msg/s");
            Console.WriteLine(
                $"pass {pass + 1}: segment {lines.Length / segment:N0} msg/s (baseline), sentiment {lines.Length / sentimentTime:N0} msg/s " +
                $"({sentimentTime / segment:F2}× segment time), emotion {lines.Length / emotionTime:N0} msg/s ({emotionTime / segment:F2}× segment time)");
        }

        return 0;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
