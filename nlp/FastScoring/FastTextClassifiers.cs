using System.Runtime.InteropServices;
using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.FastScoring;

/// <summary>
/// A multiclass text model scored with <see cref="HashedNgramFeatures"/> and <see cref="LinearTextModel"/> instead of
/// ML.NET's per-row pipeline; the same probabilities (checked at load), a fraction of the cost. Labels, version and
/// single-text scoring stay with the ML.NET classifier it accelerates. Thread-safe: scratch buffers are per call.
/// </summary>
internal sealed class FastTextClassifier(ITextClassifier inner, HashedNgramFeatures features, LinearTextModel model)
    : IEmotionClassifier, ITopicClassifier
{
    public string ModelVersion => inner.ModelVersion;

    public IReadOnlyList<string> Labels => inner.Labels;

    public ClassPrediction Classify(string text, IReadOnlyList<string> tokens) => ClassifyBatch([new TextInput(text, tokens)])[0];

    public IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var row = new Dictionary<int, float>();
        var keys = new List<uint>();
        var results = new ClassPrediction[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var text = TextFeatures.Row(inputs[i].Text, inputs[i].Tokens);
            features.Compute(text.Words, text.Text, row, keys);
            var probabilities = new float[model.Classes];
            model.Score(row, probabilities);
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++)
            {
                if (probabilities[c] > probabilities[best])
                {
                    best = c;
                }
            }

            results[i] = new ClassPrediction(Labels[best], probabilities[best], probabilities);
        }

        return results;
    }
}

/// <summary>The sentiment model scored like <see cref="FastTextClassifier"/>: P(positive) from the calibrated linear model.</summary>
internal sealed class FastSentimentClassifier(ISentimentClassifier inner, HashedNgramFeatures features, LinearTextModel model) : ISentimentClassifier
{
    public string ModelVersion => inner.ModelVersion;

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) => ClassifyBatch([new SentimentInput(text, tokens)])[0];

    public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var row = new Dictionary<int, float>();
        var keys = new List<uint>();
        Span<float> probability = stackalloc float[1];
        var results = new SentimentPrediction[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            var text = SentimentFeatureText.Row(inputs[i].Text, inputs[i].Tokens);
            features.Compute(text.Words, text.Text, row, keys);
            model.Score(row, probability);
            results[i] = SentimentPrediction.FromPositiveProbability(probability[0]);
        }

        return results;
    }
}

/// <summary>
/// A multiclass model on our <see cref="HashedFeatureSpace"/> features scored without ML.NET: the same featurizer, then
/// the linear weights read from <c>model.zip</c> (the same probabilities, checked at load). Skips what only ML.NET
/// needs — sorted, freshly allocated vectors and a data view per batch — for a dot product over the unordered
/// features. Thread-safe: the featurizer and the weights are immutable, buffers are per call or per thread.
/// </summary>
internal sealed class FastHashedTextClassifier(ITextClassifier inner, HashedFeatureSpace features, LinearTextModel model)
    : IEmotionClassifier, ITopicClassifier
{
    public HashedFeatureSpace Features => features;

    public LinearTextModel Model => model;

    public string ModelVersion => inner.ModelVersion;

    public IReadOnlyList<string> Labels => inner.Labels;

    public ClassPrediction Classify(string text, IReadOnlyList<string> tokens) => ClassifyBatch([new TextInput(text, tokens)])[0];

    public IReadOnlyList<ClassPrediction> ClassifyBatch(IReadOnlyList<TextInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var results = new ClassPrediction[inputs.Count];
        var columns = new List<int>(1024);
        var values = new List<float>(1024);
        for (var i = 0; i < inputs.Count; i++)
        {
            var probabilities = new float[model.Classes];
            features.FeaturizeUnordered(inputs[i].Text, inputs[i].Tokens, columns, values);
            model.Score(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values), probabilities);
            var best = 0;
            for (var c = 1; c < probabilities.Length; c++)
            {
                if (probabilities[c] > probabilities[best])
                {
                    best = c;
                }
            }

            results[i] = new ClassPrediction(Labels[best], probabilities[best], probabilities);
        }

        return results;
    }
}

/// <summary>The sentiment model on <see cref="HashedFeatureSpace"/> features scored like <see cref="FastHashedTextClassifier"/>.</summary>
internal sealed class FastHashedSentimentClassifier(ISentimentClassifier inner, HashedFeatureSpace features, LinearTextModel model) : ISentimentClassifier
{
    public HashedFeatureSpace Features => features;

    public LinearTextModel Model => model;

    public string ModelVersion => inner.ModelVersion;

    public SentimentPrediction Classify(string text, IReadOnlyList<string> tokens) => ClassifyBatch([new SentimentInput(text, tokens)])[0];

    public IReadOnlyList<SentimentPrediction> ClassifyBatch(IReadOnlyList<SentimentInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        Span<float> probability = stackalloc float[1];
        var results = new SentimentPrediction[inputs.Count];
        var columns = new List<int>(1024);
        var values = new List<float>(1024);
        for (var i = 0; i < inputs.Count; i++)
        {
            features.FeaturizeUnordered(inputs[i].Text, inputs[i].Tokens, columns, values);
            model.Score(CollectionsMarshal.AsSpan(columns), CollectionsMarshal.AsSpan(values), probability);
            results[i] = SentimentPrediction.FromPositiveProbability(probability[0]);
        }

        return results;
    }
}
