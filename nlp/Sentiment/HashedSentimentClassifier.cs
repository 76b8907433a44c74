using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Sentiment;

/// <summary>
/// The sentiment logistic regression on our <see cref="HashedFeatureSpace"/> features. The featurizer and the
/// <see cref="ITransformer"/> are immutable and shared; single texts go through a pool of prediction engines (one
/// engine never serves two threads at once), batches through <see cref="ITransformer.Transform"/>.
/// </summary>
internal sealed class HashedSentimentClassifier : ISentimentClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly HashedFeatureSpace features;
    private readonly ObjectPool<PredictionEngine<FeatureRow, SentimentScore>> engines;

    public HashedSentimentClassifier(MLContext ml, ITransformer model, HashedFeatureSpace features, string modelVersion)
    {
        this.ml = ml;
        this.model = model;
        this.features = features;
        ModelVersion = modelVersion;
        engines = new DefaultObjectPool<PredictionEngine<FeatureRow, SentimentScore>>(
            new FeatureEnginePolicy<SentimentScore>(ml, model, FeatureRow.Schema(features.Dimension)), Environment.ProcessorCount * 2);
    }

    public string ModelVersion { get; }

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var row = new FeatureRow { Features = features.Featurize(text, tokens) };
        var engine = engines.Get();
        try
        {
            return SentimentPrediction.FromPositiveProbability(engine.Predict(row).Probability);
        }
        finally
        {
            engines.Return(engine);
        }
    }

    public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return [];
        }

        var rows = inputs.Select(i => new FeatureRow { Features = features.Featurize(i.Text, i.Tokens) }).ToList();
        var scored = model.Transform(FeatureRow.Load(ml, rows, features.Dimension));
        return scored.GetColumn<float>("Probability")
            .Select(p => SentimentPrediction.FromPositiveProbability(p))
            .ToList();
    }
}
