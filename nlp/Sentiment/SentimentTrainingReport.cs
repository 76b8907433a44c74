namespace Monitor.Nlp.Sentiment;

/// <summary>The outcome of <see cref="SentimentTraining.TrainAsync"/>.</summary>
public sealed record SentimentTrainingReport(
    string ModelPath,
    string CardPath,
    string ModelVersion,
    long ModelBytes,
    string Trainer,
    string Features,
    IReadOnlyList<TrainerCandidate> Candidates,
    IReadOnlyList<CorpusEvaluation> Corpora,
    EvaluationReport Overall,
    TimeSpan Elapsed,
    string? Calibration = null);
