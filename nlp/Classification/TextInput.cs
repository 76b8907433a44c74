namespace Monitor.Nlp.Classification;

/// <summary>A text with the tokens our segmenter gave it, so a text is segmented once for every model.</summary>
public sealed record TextInput(string Text, IReadOnlyList<string> Tokens);
