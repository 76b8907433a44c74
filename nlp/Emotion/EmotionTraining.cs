using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Emotion;

/// <summary>Trains the emotion model on both SMP2020-EWECT domains (usual + virus) of the data root.</summary>
public static class EmotionTraining
{
    public static readonly IReadOnlyList<string> Files = ["smp2020_ewect/usual.jsonl", "smp2020_ewect/virus.jsonl"];

    public static async Task<MulticlassTrainingReport> TrainAsync(
        string dataRoot, string outputDirectory, ITextSegmenter segmenter, IProgress<string>? progress, CancellationToken ct)
    {
        var rows = new List<LabeledText>();
        foreach (var file in Files)
        {
            rows.AddRange(await EmotionCorpusReader.ReadAsync(Path.Combine(dataRoot, file), ct));
        }

        var options = new MulticlassTrainingOptions
        {
            Name = "emotion",
            OutputDirectory = outputDirectory,
            Command = "./monitor train emotion --data ../shared/data --output models/emotion",
            DataDescription = "`smp2020_ewect/usual.jsonl` + `smp2020_ewect/virus.jsonl` (SMP2020-EWECT Weibo posts, field `content`, label `label`), trained together",
            WordBits = 20,
            CharBits = 20,
            CharNgrams = 4,
            WordNgrams = 2,
            MinDocumentFrequency = 3,
            L2Candidates = [0.03f, 0.1f],
            BalanceCandidates = [1.0],
        };
        return HashedMulticlassTraining.Train(options, rows, segmenter, progress, ct);
    }
}
