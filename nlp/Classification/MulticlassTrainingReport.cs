namespace Monitor.Nlp.Classification;

/// <summary>The outcome of <see cref="MulticlassTraining.Train"/>; every metric is on rows the model was not trained or tuned on.</summary>
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
    TimeSpan Elapsed);
