namespace Monitor.Index.Elasticsearch;

/// <summary>Where the Elasticsearch copy lives and how the bulk writer treats it (section <c>Monitor:Elasticsearch</c>).</summary>
public sealed class ElasticsearchOptions
{
    public Uri? Url { get; set; }

    /// <summary>Monthly indices are <c>{Prefix}-yyyy.MM</c>; the alias every question reads is the prefix itself.</summary>
    public string IndexPrefix { get; set; } = "monitor-messages";

    public int BulkMaxCount { get; set; } = 1000;

    public long BulkMaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// How often a batch (or its items) rejected with 429/503 is sent again before it is dead-lettered; also how often a
    /// batch answered 2xx without one result per item is sent again before the write fails (never dead-lettered).
    /// </summary>
    public int MaxRetries { get; set; } = 6;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a reindex's lease on its target lasts unless renewed (renewed every third of it while the run lasts):
    /// a second run for the same target refuses to start while it is held, and after a killed run the next one waits
    /// at most this long.
    /// </summary>
    public TimeSpan ReindexLeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    public string Alias => IndexPrefix;
}
