namespace Monitor.Nlp.Segmentation;

/// <summary>A token as a range of the input text: no string is made for it.</summary>
public readonly record struct TokenSpan(int Start, int Length)
{
    public int End => Start + Length;
}
