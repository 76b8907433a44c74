namespace Monitor.Jobs.Alerts;

/// <summary>What a burst rule counts: messages of one topic, messages containing a keyword, or of one sentiment.</summary>
public enum AlertSplit
{
    Keyword,
    Topic,
    Sentiment,
}
