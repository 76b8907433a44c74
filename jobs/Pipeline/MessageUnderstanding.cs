using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.FastScoring;
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
    /// <summary>
    /// The three models on one featurization of each message, when they allow it (all on our hashed features with one
    /// n-gram shape, proven equal at construction); null when each scores on its own.
    /// </summary>
    private readonly IMessageModelScorer? joint = FastScoringLoader.Combine(sentiment, emotion, topic);

    /// <summary>True when batches share one featurization between sentiment, emotion and topic.</summary>
    public bool SharesFeaturization => joint is not null;

    /// <summary>The model versions, recorded with every analysis ("sentiment-… emotion-… topic-…").</summary>
    public string ModelVersions => $"{sentiment.ModelVersion} {emotion.ModelVersion} {topic.ModelVersion}";

    /// <summary>Scores a batch; <paramref name="signals"/> (the store's urgency signals, in the same order) default to none.</summary>
    public IReadOnlyList<Understood> UnderstandBatch(IReadOnlyList<TextInput> inputs, IReadOnlyList<UrgencySignals>? signals = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (joint is not null)
        {
            var scores = joint.ScoreBatch(inputs);
            return inputs.Select((input, i) => Rules(input, scores[i].Sentiment, scores[i].Emotion, scores[i].Topic, signals?[i])).ToList();
        }

        var sentiments = sentiment.ClassifyBatch(inputs.Select(i => new SentimentInput(i.Text, i.Tokens)).ToList());
        var emotions = emotion.ClassifyBatch(inputs);
        var topics = topic.ClassifyBatch(inputs);
        return inputs.Select((input, i) => Rules(input, sentiments[i], emotions[i], topics[i], signals?[i])).ToList();
    }

    public Understood Understand(TextInput input, UrgencySignals? signals = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (joint is not null)
        {
            var scores = joint.ScoreBatch([input])[0];
            return Rules(input, scores.Sentiment, scores.Emotion, scores.Topic, signals);
        }

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
