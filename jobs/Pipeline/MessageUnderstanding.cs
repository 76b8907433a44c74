using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// Every model and rule the pipeline runs over a segmented message, in the order their inputs need: sentiment,
/// emotion and topic (models, scored in batches), then service function (rules + topic) and urgency (rules + anger and
/// fear from the emotion model, with the store's signals: repeated contact and a growing cluster).
/// </summary>
public sealed class MessageUnderstanding(
    ISentimentClassifier sentiment,
    IEmotionClassifier emotion,
    ITopicClassifier topic,
    IServiceFunctionClassifier serviceFunctions,
    IUrgencyScorer urgency)
{
    /// <summary>The model versions, recorded with every analysis ("sentiment-… emotion-… topic-…").</summary>
    public string ModelVersions => $"{sentiment.ModelVersion} {emotion.ModelVersion} {topic.ModelVersion}";

    /// <summary>Scores a batch; <paramref name="signals"/> (the store's urgency signals, in the same order) default to none.</summary>
    public IReadOnlyList<Understood> UnderstandBatch(IReadOnlyList<TextInput> inputs, IReadOnlyList<UrgencySignals>? signals = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var sentiments = sentiment.ClassifyBatch(inputs.Select(i => new SentimentInput(i.Text, i.Tokens)).ToList());
        var emotions = emotion.ClassifyBatch(inputs);
        var topics = topic.ClassifyBatch(inputs);
        return inputs.Select((input, i) => Rules(input, sentiments[i], emotions[i], topics[i], signals?[i])).ToList();
    }

    public Understood Understand(TextInput input, UrgencySignals? signals = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Rules(
            input,
            sentiment.Classify(input.Text, input.Tokens),
            emotion.Classify(input.Text, input.Tokens),
            topic.Classify(input.Text, input.Tokens),
            signals);
    }

    private Understood Rules(
        TextInput input, SentimentPrediction sentimentOf, ClassPrediction emotionOf, ClassPrediction topicOf, UrgencySignals? signals)
    {
        var service = serviceFunctions.Classify(new ServiceFunctionInput(input.Text, topicOf.Label, topicOf.Score));
        var urgent = urgency.Score(new UrgencyInput(
            input.Text,
            emotionOf.ProbabilityOf(emotion.Labels, "angry"),
            emotionOf.ProbabilityOf(emotion.Labels, "fear"),
            service.Label,
            signals?.RepeatContacts ?? 0,
            signals?.ClusterGrowth ?? 0));
        return new Understood(sentimentOf, emotionOf, topicOf, service, urgent);
    }
}
