using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;

namespace Monitor.Nlp.Classification;

/// <summary>Creates prediction engines for the pool; an engine is used by one thread at a time.</summary>
internal sealed class PredictionEnginePolicy(MLContext ml, ITransformer model)
    : IPooledObjectPolicy<PredictionEngine<TextRow, TextScore>>
{
    public PredictionEngine<TextRow, TextScore> Create() =>
        ml.Model.CreatePredictionEngine<TextRow, TextScore>(model);

    public bool Return(PredictionEngine<TextRow, TextScore> obj) => true;
}
