namespace Monitor.Nlp.Credibility;

/// <summary>
/// A piece of evidence for a <see cref="CredibilityFlag"/>: the stored message it is in (its id as the caller gave it)
/// and the exact span (<paramref name="Start"/>, <paramref name="Length"/> in UTF-16 units of that message's text).
/// </summary>
public sealed record CredibilityEvidence(string MessageId, int Start, int Length, string Text);
