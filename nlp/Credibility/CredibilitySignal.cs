namespace Monitor.Nlp.Credibility;

/// <summary>
/// One credibility problem found in a text: its kind, the exact evidence span (<paramref name="Start"/> and
/// <paramref name="Length"/> in UTF-16 units of the text) and the matched words.
/// </summary>
public sealed record CredibilitySignal(string Kind, int Start, int Length, string Evidence);
