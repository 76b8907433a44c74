using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Emotion;

/// <summary>
/// Six emotions of SMP2020-EWECT (<c>angry</c>, <c>happy</c>, <c>neutral</c>, <c>sad</c>, <c>fear</c>,
/// <c>surprise</c>) with a probability each; anger and fear feed urgency. Safe to share across threads.
/// </summary>
public interface IEmotionClassifier : ITextClassifier;
