namespace Monitor.Index.Queries;

/// <summary>What the series of a chart over time are.</summary>
public enum CountSplit
{
    Sentiment,
    Topic,
    Emotion,
}
