namespace Monitor.Nlp.Classification;

/// <summary>A multiclass text model with a probability per label; safe to share across threads.</summary>
public interface ITextClassifier
{
    /// <summary>Identifies the trained model in use (name + hash of the file), recorded with every analysis.</summary>
    string ModelVersion { get; }

    /// <summary>The labels the model knows, in the order of <see cref="ClassPrediction.Probabilities"/>.</summary>
    IReadOnlyList<string> Labels { get; }

    ClassPrediction Classify(string text, IReadOnlyList<string> tokens);

    /// <summary>Scores many texts at once; much faster than one by one.</summary>
    IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs);
}
