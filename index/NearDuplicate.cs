namespace Monitor.Index;

/// <summary>
/// A message's 64-bit SimHash and the near-duplicate cluster it was put in (the id of the cluster's first message).
/// </summary>
public sealed record NearDuplicate(ulong Fingerprint, long ClusterId);
