namespace Monitor.Nlp.Urgency;

/// <summary>One reason a message is urgent: the factor, the points it added, and the words or values behind it.</summary>
public sealed record UrgencyReason(string Factor, int Points, IReadOnlyList<string> Evidence);
