namespace Monitor.Nlp.Tests.Support;

/// <summary>One line of real text and where it comes from.</summary>
internal sealed record CorpusLine(string Source, string Text);
