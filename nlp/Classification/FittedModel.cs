using Microsoft.ML;

namespace Monitor.Nlp.Classification;

/// <summary>A trained pipeline with the schema of its input rows (needed to save it and to read its label names).</summary>
internal sealed record FittedModel(ITransformer Model, DataViewSchema InputSchema)
{
    public ITextClassifier Classifier(MLContext? ml) => new MlTextClassifier(ml ?? new MLContext(seed: 1), Model, InputSchema, "in-training");
}
