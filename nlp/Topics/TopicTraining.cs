using System.Globalization;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Segmentation;

namespace Monitor.Nlp.Topics;

/// <summary>
/// Trains a topic model on a labelled CSV with <see cref="HashedMulticlassTraining"/>: our hashed features (character
/// n-grams + words, sublinear TF × IDF, <c>features.bin</c> beside <c>model.zip</c>), so the pipeline scores it on the
/// fast path and on the same featurization as sentiment and emotion. Small label sets (under 2,000 rows, like the 396
/// labelled government messages) also use the taxonomy keywords as seed documents, the unlabelled messages for the
/// IDF, fully balanced classes, settings chosen by 9-fold cross-validation and a 10-fold cross-validation for the card;
/// when the text has more than one column (title, body), a second model on the first line (<see cref="FirstLineTopicClassifier"/>).
/// </summary>
/// <remarks>
/// What was measured, by 9-fold cross-validation over the non-validation government rows (macro-F1): character 1–4 +
/// word 1–2-grams 0.775, 1–3 + words 0.821, 1–2 + words 0.822; IDF without the unlabelled messages 0.798; class
/// weights (largest/size)^1 instead of ^0.5 0.841; keyword documents weighted 3 instead of 1 0.854 (none: 0.786);
/// self-training on the unlabelled messages 0.766 (they span all 15 first-level classes, so pseudo-labels into the 7
/// labelled ones mislead), so it is not tried. On THUCNews titles (tuning tenth, accuracy-like macro-F1) character
/// 1–3 + words 0.871 was best (1–4 + word 1–2 0.868, 1–2 + word 1–2 0.869). Repeated 10-fold cross-validation
/// (<c>Monitor.Bench gov-topic-study</c>, bench/README.md): a second model on the title (the first text column) with the
/// keyword documents, its log-probabilities added with weight 0.5, +0.014; keyword documents expanded by PMI over the
/// unlabelled messages, self-training restricted to messages a keyword rule and the model agree on, and a
/// nearest-centroid score did not help.
/// </remarks>
public static class TopicTraining
{
    private const int SmallData = 2000;

    /// <summary>A taxonomy keyword document weighs as much as three labelled messages (see the remarks).</summary>
    private const float SeedWeight = 3f;

    public static async Task<MulticlassTrainingReport> TrainAsync(
        TopicTrainingOptions options, ITextSegmenter segmenter, IProgress<string>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labeled = await LabeledCsvReader.ReadAsync(options.DataFile, options.TextColumns, options.LabelColumn, ct);
        var labels = labeled.Select(r => r.Label).ToHashSet(StringComparer.Ordinal);
        var unlabeled = new List<string>();
        foreach (var file in options.UnlabeledFiles)
        {
            unlabeled.AddRange(await LabeledCsvReader.ReadTextsAsync(file, options.TextColumns, ct));
        }

        var seeds = options.TaxonomyFile is { } taxonomy
            ? await TaxonomySeeds.ReadAsync(taxonomy, labels, SeedWeight, ct)
            : [];
        var small = labeled.Count < SmallData;
        var columns = string.Join(" + ", options.TextColumns.Select(c => $"`{c}`"));
        var extra = (unlabeled.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unlabeled.Count:N0} unlabelled texts from {string.Join(", ", options.UnlabeledFiles.Select(f => $"`{Path.GetFileName(f)}`"))} (IDF only)") : string.Empty)
            + (seeds.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {seeds.Count:N0} keyword documents from `{Path.GetFileName(options.TaxonomyFile)}`, weight {SeedWeight}") : string.Empty);
        var training = new MulticlassTrainingOptions
        {
            Name = "topic",
            OutputDirectory = options.OutputDirectory,
            Command = options.Command,
            DataDescription = string.Create(CultureInfo.InvariantCulture,
                $"`{Path.GetFileName(options.DataFile)}`, {labeled.Count:N0} labelled rows, text {columns}, label `{options.LabelColumn}`{extra}"),
            Seed = options.Seed,
            // The hash sizes of sentiment and emotion, so the pipeline featurizes a message once for all three.
            CharBits = 20,
            WordBits = 20,
            CharNgrams = small ? 2 : 3,
            WordNgrams = 1,
            MinDocumentFrequency = 2,
            L2Candidates = [0.003f, 0.01f, 0.03f],
            BalanceCandidates = small ? [1.0] : [0],
            TrySelfTraining = false,
            Unlabeled = unlabeled,
            Seeds = seeds,
            CrossValidate = small,
            // A title column first (留言主题, 留言详情): a second model on the title (FirstLineTopicClassifier).
            FirstLineModel = small && options.TextColumns.Count > 1,
        };
        return HashedMulticlassTraining.Train(training, labeled, segmenter, progress, ct);
    }
}
