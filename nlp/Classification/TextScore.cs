namespace Monitor.Nlp.Classification;

/// <summary>The ML.NET output row: one probability per label, in the order of the model's label slots.</summary>
internal sealed class TextScore
{
    public float[] Score { get; set; } = [];
}
