using Monitor.Nlp.Classification;
using Monitor.Nlp.Emotion;
using Monitor.Nlp.Segmentation;
using Monitor.Nlp.ServiceFunction;
using Monitor.Nlp.Topics;
using Monitor.Nlp.Urgency;

namespace Monitor.Jobs.Cli;

/// <summary>Service function (rules + topic model) and urgency (rules + emotion model) for a batch of texts.</summary>
public static class GovMessageScoring
{
    public static IReadOnlyList<ServiceFunctionResult> ServiceFunctions(
        ITextSegmenter segmenter, ITopicClassifier? topics, IServiceFunctionClassifier classifier, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(texts);
        var topic = topics?.ClassifyBatch(texts.Select(t => new TextInput(t, segmenter.Cut(t))).ToList());
        return texts.Select((t, i) => classifier.Classify(new ServiceFunctionInput(t, topic?[i].Label, topic?[i].Score ?? 0))).ToList();
    }

    public static IReadOnlyList<UrgencyResult> Urgency(
        ITextSegmenter segmenter, IEmotionClassifier? emotions, IServiceFunctionClassifier services, IUrgencyScorer scorer, IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(texts);
        var emotion = emotions?.ClassifyBatch(texts.Select(t => new TextInput(t, segmenter.Cut(t))).ToList());
        return texts.Select((t, i) => scorer.Score(new UrgencyInput(
            t,
            emotion is null ? 0 : emotion[i].ProbabilityOf(emotions!.Labels, "angry"),
            emotion is null ? 0 : emotion[i].ProbabilityOf(emotions!.Labels, "fear"),
            services.Classify(new ServiceFunctionInput(t)).Label))).ToList();
    }
}
