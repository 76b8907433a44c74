using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Emotion;

/// <summary>Trains the emotion model on both SMP2020-EWECT domains (usual + virus) of the data root.</summary>
/// <remarks>
/// Measured on the tuning tenth (macro-F1 all / virus; `bench/Monitor.Bench -- variants emotion`), against this setting's
/// 0.628 / 0.578: usual rows weighted 0.5 0.628 / 0.578, 0.25 0.620 / 0.574; class weights ^0.5 0.626 / 0.577; L2 0.3
/// 0.625 / 0.573; char 1–3 + words 0.620 / 0.575; char 1–2 + word 1–2 0.628 / 0.581; char 1–5 0.631 / 0.584; slots
/// seen twice kept 0.634 / 0.586; word 1–3 0.627 / 0.582; 400 L-BFGS iterations 0.619 / 0.568; class-entropy-scaled
/// slot weights 0.636 / 0.586; averaged log-probabilities of any two of these at most 0.637 / 0.589; per-class offsets
/// (<see cref="ClassOffsets"/>) +0.0005 when chosen on other rows, −0.0065 on the validation rows. Removing @mentions
/// from the text gave 0.641 / 0.582, but only when scored texts are cleaned too — a change to the featurizer the
/// sentiment model shares.
/// </remarks>
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
