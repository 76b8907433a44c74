namespace Monitor.Nlp.Urgency;

/// <summary>
/// What urgency is scored from: the text, the emotion model's P(angry) and P(fear), the service function, and two
/// store signals the pipeline fills in later: how many earlier messages the same pseudonym sent on the issue
/// (<paramref name="RepeatContacts"/>) and how much the message's cluster grew in the last day
/// (<paramref name="ClusterGrowth"/>, new members / previous size).
/// </summary>
public sealed record UrgencyInput(
    string Text,
    double Anger = 0,
    double Fear = 0,
    string? ServiceFunction = null,
    int RepeatContacts = 0,
    double ClusterGrowth = 0);
