using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.Classification;

/// <summary>
/// An ML.NET multiclass text model. The <see cref="ITransformer"/> is shared (thread-safe); single texts go through
/// a pool of prediction engines (one engine never serves two threads at once), batches through
/// <see cref="ITransformer.Transform"/>. It serves every multiclass task, hence the task interfaces.
/// </summary>
internal sealed class MlTextClassifier : IEmotionClassifier, ITopicClassifier
{
    private readonly MLContext ml;
    private readonly ITransformer model;
    private readonly ObjectPool<PredictionEngine<TextRow, TextScore>> engines;

    public MlTextClassifier(MLContext ml, ITransformer model, DataViewSchema inputSchema, string modelVersion)
    {
        this.ml = ml;
        this.model = model;
        ModelVersion = modelVersion;
        Labels = LabelsOf(model.GetOutputSchema(inputSchema));
        engines = new DefaultObjectPool<PredictionEngine<TextRow, TextScore>>(
            new PredictionEnginePolicy(ml, model), Environment.ProcessorCount * 2);
    }

    public string ModelVersion { get; }

    public IReadOnlyList<string> Labels { get; }

    public ClassPrediction Classify(string text, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(tokens);
        var engine = engines.Get();
        try
        {
            return ToPrediction(engine.Predict(TextFeatures.Row(text, tokens)).Score);
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

        var rows = inputs.Select(i => TextFeatures.Row(i.Text, i.Tokens)).ToList();
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
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
