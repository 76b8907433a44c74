namespace Monitor.Ingest.Privacy;

/// <summary>
/// Which pseudonyms are stored, and of what kind (idea 11: erasable per person). To erase a person, compute the
/// pseudonyms of their identifiers (<see cref="Pseudonymizer.Pseudonymize"/>, <see cref="PersonalDataScrubber.PseudonymFor"/>),
/// <see cref="FindAsync"/> which are known, delete or redact the rows that carry them, then <see cref="ForgetAsync"/> them.
/// The store implements this over its own table; <see cref="InMemoryPseudonymRegistry"/> is for tests.
/// </summary>
public interface IPseudonymRegistry
{
    /// <summary>Records each pseudonym once; a pseudonym seen again keeps its first kind and time.</summary>
    ValueTask RecordAsync(IEnumerable<PseudonymEntry> entries, CancellationToken cancellationToken);

    /// <summary>The known entries among <paramref name="pseudonyms"/>.</summary>
    ValueTask<IReadOnlyList<PseudonymEntry>> FindAsync(IEnumerable<string> pseudonyms, CancellationToken cancellationToken);

    /// <summary>Removes the pseudonyms; returns how many were known.</summary>
    ValueTask<int> ForgetAsync(IEnumerable<string> pseudonyms, CancellationToken cancellationToken);
}
