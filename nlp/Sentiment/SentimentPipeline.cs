using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Monitor.Nlp.Sentiment;

/// <summary>The featurizer and the candidate trainers of the sentiment model.</summary>
internal static class SentimentPipeline
{
    private const int WordBits = 19;
    private const int CharBits = 19;

    public static readonly string Description =
        $"jieba words (negation scope marked with '!'), hashed word 1–2-grams (2^{WordBits}) + hashed character 1–3-grams of the raw text (2^{CharBits}); each block L2-normalized, concatenated";

    /// <summary>Hashed n-grams: no vocabulary is stored, so the model stays small whatever the corpus.</summary>
    public static IEstimator<ITransformer> Featurizer(MLContext ml) =>
        ml.Transforms.Text.ProduceHashedWordBags("WordBag", nameof(SentimentRow.Words), numberOfBits: WordBits, ngramLength: 2, useAllLengths: true)
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("Chars", nameof(SentimentRow.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("CharBag", "Chars", numberOfBits: CharBits, ngramLength: 3, useAllLengths: true))
            .Append(ml.Transforms.NormalizeLpNorm("WordBag"))
            .Append(ml.Transforms.NormalizeLpNorm("CharBag"))
            .Append(ml.Transforms.Concatenate("Features", "WordBag", "CharBag"))
            .Append(ml.Transforms.DropColumns("Chars", "WordBag", "CharBag"));

    /// <summary>Single-threaded so that a run is reproducible.</summary>
    public static IReadOnlyList<(string Name, IEstimator<ITransformer> Trainer)> Candidates(MLContext ml) =>
    [
        ("SdcaLogisticRegression(L2=3e-6)", Sdca(ml, 3e-6f)),
        ("LbfgsLogisticRegression(L1=0,L2=0.3)", Lbfgs(ml, 0.3f)),
        ("LbfgsLogisticRegression(L1=0,L2=1)", Lbfgs(ml, 1f)),
        ("LbfgsLogisticRegression(L1=0,L2=3)", Lbfgs(ml, 3f)),
    ];

    private static SdcaLogisticRegressionBinaryTrainer Sdca(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.SdcaLogisticRegression(
            new SdcaLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L2Regularization = l2, L1Regularization = 0f, MaximumNumberOfIterations = 50 });

    private static LbfgsLogisticRegressionBinaryTrainer Lbfgs(MLContext ml, float l2) =>
        ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
            new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L1Regularization = 0f, L2Regularization = l2 });
}
