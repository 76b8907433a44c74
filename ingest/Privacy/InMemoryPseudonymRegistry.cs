using System.Collections.Concurrent;

namespace Monitor.Ingest.Privacy;

/// <summary>An <see cref="IPseudonymRegistry"/> in a dictionary: for tests and single-process demos. Thread-safe.</summary>
public sealed class InMemoryPseudonymRegistry : IPseudonymRegistry
{
    private readonly ConcurrentDictionary<string, PseudonymEntry> entries = new(StringComparer.Ordinal);

    public int Count => entries.Count;

    public ValueTask RecordAsync(IEnumerable<PseudonymEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            this.entries.TryAdd(entry.Pseudonym, entry);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<PseudonymEntry>> FindAsync(IEnumerable<string> pseudonyms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pseudonyms);
        IReadOnlyList<PseudonymEntry> found = [.. pseudonyms.Distinct(StringComparer.Ordinal).Select(p => entries.GetValueOrDefault(p)).OfType<PseudonymEntry>()];
        return ValueTask.FromResult(found);
    }

    public ValueTask<int> ForgetAsync(IEnumerable<string> pseudonyms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pseudonyms);
        return ValueTask.FromResult(pseudonyms.Distinct(StringComparer.Ordinal).Count(p => entries.TryRemove(p, out _)));
    }
}
