using Monitor.Nlp.Classification;
using Monitor.Nlp.Sentiment;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Pipeline;

/// <summary>What the models and rules said about one message.</summary>
public sealed record Understood(
    SentimentPrediction Sentiment,
    ClassPrediction Emotion,
    ClassPrediction Topic,
    ServiceFunctionResult ServiceFunction,
    UrgencyResult Urgency);
