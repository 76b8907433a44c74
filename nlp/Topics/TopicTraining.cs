using System.Globalization;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Topics;

/// <summary>
/// Trains a topic model on a labelled CSV with <see cref="MulticlassTraining"/>. Small label sets (under 2,000 rows,
/// like the 396 labelled government messages) also use the taxonomy keywords as seed documents, the unlabelled
/// messages for self-training, stronger regularization candidates and a 10-fold cross-validation for the card.
/// </summary>
public static class TopicTraining
{
    private const int SmallData = 2000;

    private static int Exp(string name, int fallback) => Environment.GetEnvironmentVariable("TOPICEXP_" + name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    private static float[] ExpF(string name, float[] fallback) => Environment.GetEnvironmentVariable("TOPICEXP_" + name) is { } v ? v.Split(',').Select(x => float.Parse(x, CultureInfo.InvariantCulture)).ToArray() : fallback;

    public static async Task<MulticlassTrainingReport> TrainAsync(
        TopicTrainingOptions options, ITextSegmenter segmenter, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labeled = await LabeledCsvReader.ReadAsync(options.DataFile, options.TextColumns, options.LabelColumn, ct);
        var labels = labeled.Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        var unlabeled = new List<string>();
        foreach (var file in Exp("NOUNL", 0) == 1 ? [] : options.UnlabeledFiles)
        {
            unlabeled.AddRange(await LabeledCsvReader.ReadTextsAsync(file, options.TextColumns, ct));
        }

        var seeds = options.TaxonomyFile is { } taxonomy
            ? await TaxonomySeeds.ReadAsync(taxonomy, labels, 1f, ct)
            : [];
        var small = labeled.Count < SmallData;
        var columns = string.Join(" + ", options.TextColumns.Select(c => $"`{c}`"));
        var extra = (unlabeled.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unlabeled.Count:N0} unlabelled texts from {string.Join(", ", options.UnlabeledFiles.Select(f => $"`{Path.GetFileName(f)}`"))}") : string.Empty)
            + (seeds.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {seeds.Count:N0} keyword documents from `{Path.GetFileName(options.TaxonomyFile)}`") : string.Empty);
        var training = new MulticlassTrainingOptions
        {
            Name = "topic",
            OutputDirectory = options.OutputDirectory,
            Command = options.Command,
            DataDescription = string.Create(CultureInfo.InvariantCulture,
                $"`{Path.GetFileName(options.DataFile)}`, {labeled.Count:N0} labelled rows, text {columns}, label `{options.LabelColumn}`{extra}"),
            Seed = options.Seed,
            CharNgrams = Exp("CHARN", 4),
            WordNgrams = Exp("WORDN", 2),
            TrySelfTraining = Exp("SELF", 1) == 1,
            CharBits = 20,
            WordBits = 20,
            MinDocumentFrequency = Exp("MINDF", small ? 2 : 2),
            L2Candidates = ExpF("L2", small ? [0.01f, 0.03f] : [0.01f, 0.03f]),
            BalanceCandidates = ExpF("BAL", small ? [0.5f] : [0f]).Select(f => (double)f).ToList(),
            PseudoLabelThreshold = Exp("PT", 70) / 100.0,
            PseudoLabelWeight = Exp("PW", 30) / 100f,
            Unlabeled = unlabeled,
            Seeds = seeds,
            CrossValidate = small,
        };
        return HashedMulticlassTraining.Train(training, labeled, segmenter, progress, ct);
    }
}
