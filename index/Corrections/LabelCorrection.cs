namespace Monitor.Index.Corrections;

/// <summary>
/// A person's correction of one label the models gave a message: which task, what the model said (null when the
/// message had no such label yet), what it should be, who said so and when.
/// </summary>
public sealed record LabelCorrection(long Id, long MessageId, string Task, string? OldLabel, string NewLabel, string By, DateTimeOffset At);
