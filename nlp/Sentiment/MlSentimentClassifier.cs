using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Monitor.Nlp.Sentiment;

/// <summary>
/// The ML.NET sentiment model. The <see cref="ITransformer"/> is shared (thread-safe); single texts are scored
/// through a pool of <see cref="PredictionEngine{TSrc,TDst}"/>s (one engine never serves two threads at once),
/// batches through <see cref="ITransformer.Transform"/>.
/// </summary>
internal sealed class MlSentimentClassifier : ISentimentClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly ObjectPool<PredictionEngine<SentimentRow, SentimentScore>> engines;

    public MlSentimentClassifier(MLContext ml, ITransformer model, string modelVersion)
    {
        this.ml = ml;
        this.model = model;
        ModelVersion = modelVersion;
        engines = new DefaultObjectPool<PredictionEngine<SentimentRow, SentimentScore>>(
            new PredictionEnginePolicy(ml, model), Environment.ProcessorCount * 2);
    }

    public string ModelVersion { get; }

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var row = SentimentFeatureText.Row(text, tokens);
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

        var rows = inputs.Select(i => SentimentFeatureText.Row(i.Text, i.Tokens)).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return ml.Data.CreateEnumerable<SentimentScore>(scored, reuseRowObject: false)
            .Select(s => SentimentPrediction.FromPositiveProbability(s.Probability))
            .ToList();
    }
}
