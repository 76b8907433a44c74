using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Topics;

/// <summary>
/// A topic taxonomy (the government 一级分类 by default, or a county's own labels) with a probability per label.
/// Safe to share across threads.
/// </summary>
public interface ITopicClassifier : ITextClassifier;
