namespace Monitor.Nlp.Classification;

/// <summary>The ML.NET input row of every multiclass text model (built by <see cref="TextFeatures.Row"/>).</summary>
internal sealed class TextRow
{
    public string Label { get; set; } = string.Empty;

    public string Words { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public float Weight { get; set; } = 1f;
}
