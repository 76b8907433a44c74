namespace Monitor.Index.Corrections;

/// <summary>
/// Corrected labels, kept in the system of record next to the messages (a retention purge or an erasure of the
/// message takes its corrections with it). They do not change the stored analysis, which stays what the model said
/// with its version; they feed the retraining duty.
/// </summary>
public interface ILabelCorrections
{
    /// <summary>
    /// Records a correction (the label is checked with <see cref="LabelTasks.Problem"/> by the caller); the old label
    /// is read from the stored analysis. Null when there is no such message.
    /// </summary>
    Task<LabelCorrection?> CorrectAsync(long messageId, string task, string newLabel, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The corrections of one message, oldest first.</summary>
    Task<IReadOnlyList<LabelCorrection>> CorrectionsOfAsync(long messageId, CancellationToken cancellationToken);

    /// <summary>How many corrections of <paramref name="task"/> were recorded after correction <paramref name="afterId"/>.</summary>
    Task<int> CountSinceAsync(string task, long afterId, CancellationToken cancellationToken);

    /// <summary>For every message corrected for <paramref name="task"/>, its text and the last label given to it, in message order.</summary>
    Task<IReadOnlyList<CorrectedText>> CorrectedTextsAsync(string task, CancellationToken cancellationToken);
}
