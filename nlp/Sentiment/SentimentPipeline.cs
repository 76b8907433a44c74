using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Monitor.Nlp.Sentiment;

/// <summary>
/// The featurizer and the candidate trainers of the sentiment model. Hashed n-grams keep no vocabulary, so the model
/// stays small whatever the corpus (a TF-IDF vocabulary of 200k n-grams per length scored the same and was 3× larger).
/// </summary>
internal static class SentimentPipeline
{
    private const int WordBits = 19;
    private const int CharBits = 19;

    public static string Description { get; } =
        $"jieba words (the two words after a negation such as 不/没 marked with '!'), hashed word 1–2-grams (2^{WordBits} slots) " +
        $"+ hashed character 1–3-grams of the lower-cased raw text (2^{CharBits} slots); counts, each block L2-normalized, concatenated";

    public static IEstimator<ITransformer> Featurizer(MLContext ml) =>
        ml.Transforms.Text.ProduceHashedWordBags("WordBag", nameof(SentimentRow.Words), numberOfBits: WordBits, ngramLength: 2, useAllLengths: true)
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(SentimentRow.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("CharBag", "Chars", numberOfBits: CharBits, ngramLength: 3, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("WordBag"))
            .Append(ml.Transforms.NormalizeLpNorm("CharBag"))
            .Append(ml.Transforms.Concatenate("Features", "WordBag", "CharBag"))
            .Append(ml.Transforms.DropColumns("Chars", "WordBag", "CharBag"));

    /// <summary>
    /// Logistic regressions (their probabilities are calibrated by construction), single-threaded so a run is
    /// reproducible. The regularization values were chosen on the validation rows from 1e-6…1e-3 (SDCA) and 1e-5…3 (L-BFGS).
    /// </summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Trainer)> Candidates(MLContext ml) =>
    [
        ("SdcaLogisticRegression(L2=3e-6)", Sdca(ml, 3e-6f)),
        ("SdcaLogisticRegression(L2=1e-6)", Sdca(ml, 1e-6f)),
        ("LbfgsLogisticRegression(L1=0,L2=0.1)", Lbfgs(ml, 0.1f)),
    ];

    private static SdcaLogisticRegressionBinaryTrainer Sdca(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L2Regularization = l2, L1Regularization = 0f, MaximumNumberOfIterations = 50 });

    private static LbfgsLogisticRegressionBinaryTrainer Lbfgs(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L1Regularization = 0f, L2Regularization = l2 });
}
