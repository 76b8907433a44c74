namespace Monitor.Ingest.Dedup;

/// <summary>The cluster an item was linked to.</summary>
/// <param name="ClusterId">The item id of the cluster's first member: stable for as long as that item is kept.</param>
/// <param name="NearestItemId">The closest item already indexed, or null when the item starts a new cluster.</param>
/// <param name="Distance">Hamming distance to <paramref name="NearestItemId"/> (0 when it starts a cluster).</param>
public sealed record NearDuplicateMatch(string ClusterId, string? NearestItemId, int Distance)
{
    public bool StartsCluster => NearestItemId is null;
}
