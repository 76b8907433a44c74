namespace Monitor.Ingest.Privacy;

/// <summary>A pseudonym the system has stored, what kind of personal data it stands for, and when it was first seen.</summary>
public sealed record PseudonymEntry(string Pseudonym, PersonalDataKind Kind, DateTimeOffset FirstSeen);
