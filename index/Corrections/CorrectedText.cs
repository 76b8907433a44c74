namespace Monitor.Index.Corrections;

/// <summary>A message's text with the label people last gave it for one task: a training row for the retraining duty.</summary>
public sealed record CorrectedText(long CorrectionId, long MessageId, string Text, string Label);
