using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms;
using Microsoft.ML.Transforms.Text;

namespace Monitor.Nlp.Classification;

/// <summary>
/// Featurizer + trainer of every multiclass text model: hashed word n-grams over the jieba tokens (negation scope
/// marked) and hashed character n-grams of the raw text, each block L2-normalized, then a maximum-entropy model with
/// L2 only (the default L1 collapses every prediction onto one class on sparse text, see the recipe).
/// </summary>
internal static class MulticlassPipeline
{
    public const string LabelKey = "LabelKey";

    public static string Describe(MulticlassTrainingOptions o) => o.Featurizer == TextFeaturizer.TfIdf
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"words of the segmenter (negation scope marked with '!'), dictionary word 1–{o.WordNgrams}-grams + character 1–{o.CharNgrams}-grams " +
            $"of the lower-cased raw text (at most {o.MaximumNgrams:N0} of each length); TF-IDF with the IDF of the training rows, each block L2-normalized, concatenated")
        : string.Create(
        CultureInfo.InvariantCulture,
        $"jieba words (negation scope marked with '!'), hashed word 1–{o.WordNgrams}-grams (2^{o.WordBits} slots) + hashed character " +
        $"1–{o.CharNgrams}-grams of the lower-cased raw text (2^{o.CharBits} slots); counts, each block L2-normalized, concatenated");

    public static IEstimator<ITransformer> Build(MLContext ml, MulticlassTrainingOptions o, float l2) =>
        Featurize(ml, o).Append(Trainer(ml, l2));

    private static EstimatorChain<ColumnSelectingTransformer> Featurize(MLContext ml, MulticlassTrainingOptions o) => o.Featurizer == TextFeaturizer.TfIdf
        ? ml.Transforms.Conversion.MapValueToKey(LabelKey, nameof(TextRow.Label))
            .Append(ml.Transforms.Text.TokenizeIntoWords("WordTokens", nameof(TextRow.Words), [' ']))
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "WordTokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordBag", "WordKeys", ngramLength: o.WordNgrams, useAllLengths: true,
                maximumNgramsCount: o.MaximumNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(TextRow.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceNgrams("CharBag", "Chars", ngramLength: o.CharNgrams, useAllLengths: true,
                maximumNgramsCount: o.MaximumNgrams, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("WordBag"))
            .Append(ml.Transforms.NormalizeLpNorm("CharBag"))
            .Append(ml.Transforms.Concatenate("Features", "WordBag", "CharBag"))
            .Append(ml.Transforms.DropColumns("WordTokens", "WordKeys", "Chars", "WordBag", "CharBag"))
            .AppendCacheCheckpoint(ml)
        : ml.Transforms.Conversion.MapValueToKey(LabelKey, nameof(TextRow.Label))
            .Append(ml.Transforms.Text.ProduceHashedWordBags("WordBag", nameof(TextRow.Words), numberOfBits: o.WordBits, ngramLength: o.WordNgrams, useAllLengths: true))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(TextRow.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("CharBag", "Chars", numberOfBits: o.CharBits, ngramLength: o.CharNgrams, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("WordBag"))
            .Append(ml.Transforms.NormalizeLpNorm("CharBag"))
            .Append(ml.Transforms.Concatenate("Features", "WordBag", "CharBag"))
            .Append(ml.Transforms.DropColumns("Chars", "WordBag", "CharBag"))
            .AppendCacheCheckpoint(ml);

    private static LbfgsMaximumEntropyMulticlassTrainer Trainer(MLContext ml, float l2) =>
        ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
            {
                LabelColumnName = LabelKey,
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(TextRow.Weight),
                L1Regularization = 0f,
                L2Regularization = l2,
                NumberOfThreads = 1,
                OptimizationTolerance = 1e-4f,
                MaximumNumberOfIterations = 100,
            });
}
