namespace Monitor.Nlp.Sentiment;

/// <summary>One row of a binary sentiment CSV: <paramref name="Positive"/> is <c>label == 1</c>.</summary>
internal sealed record LabeledReview(string Review, bool Positive, int Line);
