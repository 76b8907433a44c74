namespace Monitor.Nlp.Sentiment;

/// <summary>One training corpus: its row counts and the model's scores on its validation rows.</summary>
public sealed record CorpusEvaluation(string Name, string File, int TrainRows, int ValidationRows, EvaluationReport Validation);
