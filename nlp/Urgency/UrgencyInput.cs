namespace Monitor.Nlp.Urgency;

/// <summary>
/// What urgency is scored from: the text, the emotion model's P(angry) and P(fear), the service function, and two
/// store signals the pipeline reads per batch (<c>jobs/Pipeline/UrgencyContext.cs</c>, section <c>Urgency</c>): how many
/// earlier citizen messages the same pseudonym sent in the last 30 days (<paramref name="RepeatContacts"/>) and how much
/// the message's near-duplicate cluster grew in the last day (<paramref name="ClusterGrowth"/>, new members / members
/// before, at least 3). Both stay 0 where there is no store (<c>monitor classify</c>, <c>monitor eval</c>).
/// </summary>
public sealed record UrgencyInput(
    string Text,
    double Anger = 0,
    double Fear = 0,
    string? ServiceFunction = null,
    int RepeatContacts = 0,
    double ClusterGrowth = 0);
