namespace Monitor.Nlp.Credibility;

/// <summary>
/// A credibility problem found across several messages (see <see cref="CredibilitySignalKinds"/>): its kind, a
/// one-line reason with the figures behind it, and the spans in the messages that show it.
/// </summary>
public sealed record CredibilityFlag(string Kind, string Reason, IReadOnlyList<CredibilityEvidence> Evidence);
