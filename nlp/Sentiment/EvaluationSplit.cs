namespace Monitor.Nlp.Sentiment;

/// <summary>Which rows of a CSV an evaluation scores.</summary>
public enum EvaluationSplit
{
    /// <summary>Every row.</summary>
    All,

    /// <summary>Only rows with <see cref="DatasetSplit.IsValidation"/> true (held out from training).</summary>
    Validation,
}
