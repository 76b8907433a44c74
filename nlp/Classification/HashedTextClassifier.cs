using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.Classification;

/// <summary>
/// A multiclass ML.NET model on <see cref="HashedFeatureSpace"/> features. The featurizer and the
/// <see cref="ITransformer"/> are immutable and shared; single texts go through a pool of prediction engines (one
/// engine never serves two threads at once), batches through <see cref="ITransformer.Transform"/>.
/// </summary>
internal sealed class HashedTextClassifier : IEmotionClassifier, ITopicClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly HashedFeatureSpace features;
    private readonly ObjectPool<PredictionEngine<FeatureRow, TextScore>> engines;

    public HashedTextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, HashedFeatureSpace features, string modelVersion)
    {
        this.ml = ml;
        this.model = model;
        this.features = features;
        ModelVersion = modelVersion;
        Labels = LabelsOf(model.GetOutputSchema(inputSchema));
        var schema = FeatureRow.Schema(features.Dimension);
        engines = new DefaultObjectPool<PredictionEngine<FeatureRow, TextScore>>(
            new FeatureEnginePolicy<TextScore>(ml, model, schema), Environment.ProcessorCount * 2);
    }

    public string ModelVersion { get; }

    public IReadOnlyList<string> Labels { get; }

    public ClassPrediction Classify(string text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var row = new FeatureRow { Features = features.Featurize(text, tokens) };
        var engine = engines.Get();
        try
        {
            return ToPrediction(engine.Predict(row).Score);
        }
        finally
        {
            engines.Return(engine);
        }
    }

    public IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
        {
            return [];
        }

        var rows = inputs.Select(i => new FeatureRow { Features = features.Featurize(i.Text, i.Tokens) }).ToList();
        var scored = model.Transform(FeatureRow.Load(ml, rows, features.Dimension));
        return scored.GetColumn<VBuffer<float>>("Score")
            .Select(v => ToPrediction(v.DenseValues().ToArray()))
            .ToList();
    }

    private ClassPrediction ToPrediction(float[] probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return new ClassPrediction(Labels[best], probabilities[best], probabilities);
    }

    private static string[] LabelsOf(DataViewSchema schema)
    {
        VBuffer<ReadOnlyMemory<char>> names = default;
        schema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(n => n.ToString()).ToArray();
    }
}

/// <summary>Creates prediction engines over <see cref="FeatureRow"/>s for a pool; an engine serves one thread at a time.</summary>
internal sealed class FeatureEnginePolicy<TScore>(MLContext ml, ITransformer model, SchemaDefinition inputSchema)
    : IPooledObjectPolicy<PredictionEngine<FeatureRow, TScore>>
    where TScore : class, new()
{
    public PredictionEngine<FeatureRow, TScore> Create() =>
        ml.Model.CreatePredictionEngine<FeatureRow, TScore>(model, inputSchemaDefinition: inputSchema);

    public bool Return(PredictionEngine<FeatureRow, TScore> obj) => true;
}
