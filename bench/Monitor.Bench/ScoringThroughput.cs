using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Monitor.Jobs.Pipeline;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.FastScoring;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Bench;

/// <summary>
/// Scoring all five tasks (sentiment, emotion, topic, service function, urgency) over already-segmented real messages,
/// in batches, on one core (the process is pinned to CPU 0): <c>Monitor.Bench scoring [--batch N] [--passes N]
/// [--models DIR] [--corpus gov|weibo] [--limit N] [--probe]</c>. The production path is measured: <see cref="MessageUnderstanding.UnderstandBatch"/>
/// with whatever <c>models/</c> holds. Baseline in the same run: segmenting the same messages with our segmenter.
/// Each task alone is timed too, so the hot spot is visible. Texts are read from <c>../shared/data</c> at run time.
/// </summary>
public static class ScoringThroughput
{
    public static int Run(string[] args)
    {
        var batch = IntOption(args, "--batch", 512);
        var passes = IntOption(args, "--passes", 5);
        var corpus = Option(args, "--corpus") ?? "gov";
        var models = Option(args, "--models") ?? FindModels();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows())
        {
            Process.GetCurrentProcess().ProcessorAffinity = 1;
        }

        var texts = ReadCorpus(corpus).Take(IntOption(args, "--limit", int.MaxValue)).ToList();
        var chars = texts.Sum(t => (long)t.Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scoring: {texts.Count} {corpus} messages ({chars / (double)texts.Count:F0} chars on average), batch {batch}, {passes} passes, one core (affinity CPU 0), models {models}, {RuntimeInformation.FrameworkDescription}"));

        var segmenter = TextSegmenterFactory.CreateFast();
        var inputs = texts.Select(t => new TextInput(t, segmenter.Cut(t))).ToList();
        var sentiment = SentimentClassifierFactory.Load(Path.Combine(models, "sentiment", "model.zip"));
        var emotion = (IEmotionClassifier)TextClassifierFactory.Load(Path.Combine(models, "emotion", "model.zip"), "emotion");
        var topic = (ITopicClassifier)TextClassifierFactory.Load(Path.Combine(models, "topic", "model.zip"), "topic");
        var services = ServiceFunctionClassifierFactory.Create();
        var urgency = UrgencyScorerFactory.Create();
        var understanding = new MessageUnderstanding(sentiment, emotion, topic, services, urgency);
        Console.WriteLine($"models: {understanding.ModelVersions}");
        var fastSentiment = FastScoringLoader.Accelerate(sentiment, Path.Combine(models, "sentiment", "model.zip"));
        var fastEmotion = (IEmotionClassifier)FastScoringLoader.Accelerate(emotion, Path.Combine(models, "emotion", "model.zip"));
        var fastTopic = (ITopicClassifier)FastScoringLoader.Accelerate(topic, Path.Combine(models, "topic", "model.zip"));
        Console.WriteLine($"fast path (probabilities equal to ML.NET's at load): sentiment {FastScoringLoader.IsAccelerated(fastSentiment)}, emotion {FastScoringLoader.IsAccelerated(fastEmotion)}, topic {FastScoringLoader.IsAccelerated(fastTopic)}");
        var fastUnderstanding = new MessageUnderstanding(fastSentiment, fastEmotion, fastTopic, services, urgency);
        // The same fast models behind wrappers the joint scorer does not recognise: each model featurizes on its own.
        var perModelUnderstanding = new MessageUnderstanding(
            new SeparateSentiment(fastSentiment), new SeparateText(fastEmotion), new SeparateText(fastTopic), services, urgency);
        Console.WriteLine($"one featurization shared by sentiment, emotion and topic: {fastUnderstanding.SharesFeaturization}");
        var sentimentInputs = inputs.ConvertAll(i => new SentimentInput(i.Text, i.Tokens));

        var joint = FastScoringLoader.Combine(fastSentiment, fastEmotion, fastTopic);
        var slotBuffer = new List<int>(4096);
        var hashBuffer = new List<ulong>(512);
        var stages = new (string Name, Action<int, int> Run)[]
        {
            ("segmentation alone (baseline)", (from, count) => { for (var i = from; i < from + count; i++) { segmenter.Cut(texts[i]); } }),
            ("all five tasks, fast featurizer (production)", (from, count) => fastUnderstanding.UnderstandBatch(inputs.GetRange(from, count))),
            ("all five tasks, fast path, each model featurizes", (from, count) => perModelUnderstanding.UnderstandBatch(inputs.GetRange(from, count))),
            ("all five tasks, ML.NET featurizer", (from, count) => understanding.UnderstandBatch(inputs.GetRange(from, count))),
            ("  sentiment alone", (from, count) => sentiment.ClassifyBatch(sentimentInputs.GetRange(from, count))),
            ("  emotion alone", (from, count) => emotion.ClassifyBatch(inputs.GetRange(from, count))),
            ("  topic alone", (from, count) => topic.ClassifyBatch(inputs.GetRange(from, count))),
            ("  sentiment alone, fast", (from, count) => fastSentiment.ClassifyBatch(sentimentInputs.GetRange(from, count))),
            ("  emotion alone, fast", (from, count) => fastEmotion.ClassifyBatch(inputs.GetRange(from, count))),
            ("  topic alone, fast", (from, count) => fastTopic.ClassifyBatch(inputs.GetRange(from, count))),
            // Without a joint scorer (models that do not share a hash space) this stage repeats the per-model fast path.
            (joint is null ? "  sentiment + emotion + topic, fast (no joint scorer)" : "  sentiment + emotion + topic on one featurization", (from, count) =>
            {
                if (joint is not null)
                {
                    joint.ScoreBatch(inputs.GetRange(from, count));
                    return;
                }

                fastSentiment.ClassifyBatch(sentimentInputs.GetRange(from, count));
                fastEmotion.ClassifyBatch(inputs.GetRange(from, count));
                fastTopic.ClassifyBatch(inputs.GetRange(from, count));
            }),
            ("  n-gram hashing alone (shared featurization's first step)", (from, count) =>
            {
                var settings = new HashedFeatureSettings();
                for (var i = from; i < from + count; i++)
                {
                    slotBuffer.Clear();
                    HashedFeatureSpace.AppendSlots(settings, inputs[i].Text, inputs[i].Tokens, slotBuffer, hashBuffer);
                }
            }),
            ("  service function alone (rules)", (from, count) => { for (var i = from; i < from + count; i++) { services.Classify(new ServiceFunctionInput(texts[i])); } }),
            ("  urgency alone (rules)", (from, count) => { for (var i = from; i < from + count; i++) { urgency.Score(new UrgencyInput(texts[i], ServiceFunction: ServiceFunctions.Other)); } }),
        };

        if (args.Contains("--probe"))
        {
            FeatureProbe.Run(inputs.ConvertAll(i => (i.Text, i.Tokens)), batch);
        }

        // Warm-up: JIT, the ML.NET pipelines' first cursors, the segmenter's caches.
        foreach (var (_, run) in stages)
        {
            run(0, Math.Min(batch, texts.Count));
        }

        // Two rates per stage: wall clock, and CPU time of the whole process (every thread is pinned to the one core,
        // so CPU seconds are what the stage costs that core even when other processes share the machine).
        var rates = stages.ToDictionary(s => s.Name, _ => new List<double>());
        var cpuRates = stages.ToDictionary(s => s.Name, _ => new List<double>());
        var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (name, run) in stages)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var from = 0; from < texts.Count; from += batch)
                {
                    run(from, Math.Min(batch, texts.Count - from));
                }

                watch.Stop();
                process.Refresh();
                rates[name].Add(texts.Count / watch.Elapsed.TotalSeconds);
                cpuRates[name].Add(texts.Count / Math.Max(1e-3, (process.TotalProcessorTime - cpu).TotalSeconds));
            }
        }

        // Ratios are taken within each pass (the same minute of a shared machine), then their median.
        var baseline = Median(cpuRates[stages[0].Name]);
        var all = Median(cpuRates[stages[1].Name]);
        Console.WriteLine($"{"stage",-52} {"msgs/CPU-s",11} {"min–max",18} {"÷ segmentation",15} {"÷ ML.NET five",14} {"wall msgs/s",12}");
        foreach (var (name, _) in stages)
        {
            var r = cpuRates[name];
            var vsSegmentation = Median(Enumerable.Range(0, passes).Select(p => r[p] / cpuRates[stages[0].Name][p]).ToList());
            var vsMlNet = Median(Enumerable.Range(0, passes).Select(p => r[p] / cpuRates[stages[3].Name][p]).ToList());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-52} {Median(r),11:N0} {$"{r.Min():N0}–{r.Max():N0}",18} {vsSegmentation,14:F3}× {vsMlNet,13:F2}× {Median(rates[name]),12:N0}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"segment + all five tasks: {1 / ((1 / baseline) + (1 / all)):N0} msgs per CPU-second; goal ≥ 5,000 msgs/s for scoring on segmented text on one core: {(all >= 5000 ? "met" : "NOT met")}"));
        return 0;
    }

    /// <summary>A sentiment model as it is, hidden from <see cref="FastScoringLoader.Combine"/>.</summary>
    private sealed class SeparateSentiment(ISentimentClassifier inner) : ISentimentClassifier
    {
        public string ModelVersion => inner.ModelVersion;

        public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) => inner.Classify(text, tokens);

        public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs) => inner.ClassifyBatch(inputs);
    }

    /// <summary>An emotion or topic model as it is, hidden from <see cref="FastScoringLoader.Combine"/>.</summary>
    private sealed class SeparateText(ITextClassifier inner) : IEmotionClassifier, ITopicClassifier
    {
        public string ModelVersion => inner.ModelVersion;

        public IReadOnlyList<string> Labels => inner.Labels;

        public ClassPrediction Classify(string text, IReadOnlyList<string> tokens) => inner.Classify(text, tokens);

        public IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs) => inner.ClassifyBatch(inputs);
    }

    private static List<string> ReadCorpus(string corpus)
    {
        if (corpus == "weibo")
        {
            return LabeledCsvReader.ReadTextsAsync(Path.Combine(SharedData.Root, "weibo_senti_100k_subset", "weibo_senti_100k_subset.csv"), ["review"], CancellationToken.None)
                .GetAwaiter().GetResult().Where(t => t.Length > 0).ToList();
        }

        var folder = Path.Combine(SharedData.Root, "gov_messages_teddy2020");
        return new[] { "messages_labeled.csv", "hot_issue_messages.csv", "replied_messages.csv" }
            .SelectMany(f => LabeledCsvReader.ReadTextsAsync(Path.Combine(folder, f), ["留言主题", "留言详情"], CancellationToken.None).GetAwaiter().GetResult())
            .Where(t => t.Length > 0)
            .ToList();
    }

    /// <summary>The repository's <c>models/</c>: walk up from the current and the binary folder.</summary>
    private static string FindModels()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "models");
                if (File.Exists(Path.Combine(candidate, "sentiment", "model.zip")))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException("No models/sentiment/model.zip above the current or the binary folder; pass --models DIR.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}
