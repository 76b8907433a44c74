namespace Monitor.Ingest.Privacy;

/// <summary>One replaced piece of personal data: where it was in the original text and the pseudonym it became. The raw value is not kept.</summary>
public sealed record PersonalDataMatch(PersonalDataKind Kind, string Pseudonym, int Start, int Length);
