namespace Monitor.Nlp.Classification;

/// <summary>
/// The outcome of <see cref="HashedMulticlassTraining.Train(MulticlassTrainingOptions, IReadOnlyList{LabeledText}, Segmentation.ITextSegmenter, IProgress{string}?, CancellationToken)"/>;
/// every validation metric is on rows the model was not trained or tuned on. <paramref name="Selection"/> says how the
/// setting was chosen when not on the tuning tenth.
/// </summary>
public sealed record MulticlassTrainingReport(
    string ModelPath,
    string CardPath,
    string ModelVersion,
    long ModelBytes,
    string Setting,
    string Features,
    int TrainRows,
    int TuningRows,
    int PseudoLabeledRows,
    IReadOnlyList<TrainingCandidate> Candidates,
    MulticlassReport Validation,
    IReadOnlyList<SubsetReport> Subsets,
    MulticlassReport? CrossValidation,
    TimeSpan Elapsed,
    string? Selection = null,
    string? ClassOffsets = null,
    string? Calibration = null);
