using Microsoft.ML.Data;

namespace Monitor.Nlp.Sentiment;

/// <summary>The ML.NET output row of the binary sentiment model.</summary>
internal sealed class SentimentScore
{
    [ColumnName("PredictedLabel")]
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}
