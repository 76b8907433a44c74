using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Monitor.Nlp.Sentiment;

/// <summary>Creates prediction engines for the pool; an engine is used by one thread at a time.</summary>
internal sealed class PredictionEnginePolicy(MLContext ml, ITransformer model)
    : IPooledObjectPolicy<PredictionEngine<SentimentRow, SentimentScore>>
{
    public PredictionEngine<SentimentRow, SentimentScore> Create() =>
        ml.Model.CreatePredictionEngine<SentimentRow, SentimentScore>(model);

    public bool Return(PredictionEngine<SentimentRow, SentimentScore> obj) => true;
}
