namespace Monitor.Index.Queries;

/// <summary>One bar segment of a chart over time: how many messages with <paramref name="Value"/> fell in the bucket.</summary>
/// <param name="BucketStart">The bucket's start in China time (UTC+8).</param>
/// <param name="Value">The sentiment, topic or emotion label.</param>
/// <param name="Count">Messages in the bucket with that label.</param>
public sealed record TimeCount(DateTimeOffset BucketStart, string Value, long Count);
