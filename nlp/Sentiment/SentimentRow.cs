using Microsoft.ML.Data;

namespace Monitor.Nlp.Sentiment;

/// <summary>The ML.NET input row: <see cref="Words"/> from <see cref="SentimentFeatureText.Words"/>, <see cref="Text"/> the normalized raw text.</summary>
internal sealed class SentimentRow
{
    public bool Label { get; set; }

    public string Words { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;
}
