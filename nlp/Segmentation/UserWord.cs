namespace Monitor.Nlp.Segmentation;

/// <summary>A word of a user dictionary; a frequency of 0 means "suggest one" (as jieba's <c>add_word</c>).</summary>
public sealed record UserWord(string Word, int Frequency = 0, string? Tag = null);
