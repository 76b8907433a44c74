namespace Monitor.Nlp.Keywords;

/// <summary>A keyword of a text and its weight (TF-IDF, or TextRank normalised to at most 1).</summary>
public sealed record Keyword(string Word, double Weight);
