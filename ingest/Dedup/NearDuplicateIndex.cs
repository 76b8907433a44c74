namespace Monitor.Ingest.Dedup;

/// <summary>
/// Finds indexed SimHash fingerprints within <see cref="MaxDistance"/> bits of a new one and links the new item to
/// the nearest one's cluster. Four tables keyed by each 16-bit block: two fingerprints at most 3 bits apart agree
/// exactly on at least one of the four blocks, so only items sharing a block are compared. Every item is added and
/// gets a cluster. With a capacity, the index keeps a window of the newest items: when full it forgets the older half
/// (about 200 bytes an item, so a long-running server does not grow without end). Thread-safe.
/// </summary>
public sealed class NearDuplicateIndex
{
    public const int MaxDistance = 3;
    private const int Blocks = 4;

    private readonly int capacity;

    /// <param name="capacity">How many items to keep at most (at least 2); the default keeps all.</param>
    public NearDuplicateIndex(int capacity = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        this.capacity = capacity;
    }

    private readonly Lock gate = new();
    private readonly Dictionary<ushort, List<int>>[] tables = [.. Enumerable.Range(0, Blocks).Select(_ => new Dictionary<ushort, List<int>>())];
    private readonly List<(string ItemId, ulong Fingerprint, string ClusterId)> items = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return items.Count;
            }
        }
    }

    /// <summary>
    /// Adds an item and returns its cluster: the nearest indexed item's (ties: the earliest added), or a new one named
    /// after this item. Adding an id again returns its existing cluster. <paramref name="knownClusterId"/> restores a
    /// persisted assignment instead of searching.
    /// </summary>
    public NearDuplicateMatch Add(string itemId, ulong fingerprint, string? knownClusterId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(itemId);
        lock (gate)
        {
            if (positions.TryGetValue(itemId, out var existing))
            {
                return new NearDuplicateMatch(items[existing].ClusterId, null, 0);
            }

            var match = knownClusterId is null ? Nearest(fingerprint) : null;
            var cluster = knownClusterId ?? match?.ClusterId ?? itemId;
            if (items.Count >= capacity)
            {
                ForgetOlderHalf();
            }

            Index(itemId, fingerprint, cluster);
            return match ?? new NearDuplicateMatch(cluster, null, 0);
        }
    }

    private void Index(string itemId, ulong fingerprint, string cluster)
    {
        var position = items.Count;
        items.Add((itemId, fingerprint, cluster));
        positions[itemId] = position;
        for (var block = 0; block < Blocks; block++)
        {
            var key = Block(fingerprint, block);
            if (!tables[block].TryGetValue(key, out var bucket))
            {
                tables[block][key] = bucket = [];
            }

            bucket.Add(position);
        }
    }

    /// <summary>Keeps the newest half in the order they were added (so ties still go to the earliest kept).</summary>
    private void ForgetOlderHalf()
    {
        var kept = items.GetRange(items.Count - (capacity / 2), capacity / 2);
        items.Clear();
        positions.Clear();
        foreach (var table in tables)
        {
            table.Clear();
        }

        items.Capacity = capacity;
        foreach (var (itemId, fingerprint, cluster) in kept)
        {
            Index(itemId, fingerprint, cluster);
        }
    }

    /// <summary>The nearest indexed item within <see cref="MaxDistance"/>, without adding anything; null when none.</summary>
    public NearDuplicateMatch? Find(ulong fingerprint)
    {
        lock (gate)
        {
            return Nearest(fingerprint);
        }
    }

    private NearDuplicateMatch? Nearest(ulong fingerprint)
    {
        var best = -1;
        var bestDistance = int.MaxValue;
        for (var block = 0; block < Blocks; block++)
        {
            if (!tables[block].TryGetValue(Block(fingerprint, block), out var bucket))
            {
                continue;
            }

            foreach (var position in bucket)
            {
                var distance = SimHash.Distance(fingerprint, items[position].Fingerprint);
                if (distance <= MaxDistance && (distance < bestDistance || (distance == bestDistance && position < best)))
                {
                    (best, bestDistance) = (position, distance);
                }
            }
        }

        return best < 0 ? null : new NearDuplicateMatch(items[best].ClusterId, items[best].ItemId, bestDistance);
    }

    private static ushort Block(ulong fingerprint, int block) => (ushort)(fingerprint >> (block * 16));
}
