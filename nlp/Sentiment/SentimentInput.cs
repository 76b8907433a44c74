namespace Monitor.Nlp.Sentiment;

/// <summary>A text with the tokens our segmenter gave it, so the text is segmented once per analysis.</summary>
public sealed record SentimentInput(string Text, IReadOnlyList<string> Tokens);
