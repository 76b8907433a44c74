using Quartz;

namespace Monitor.Jobs.Sources;

/// <summary>How a <see cref="SourceDefinition"/> and the job's own state are kept in the persisted JobDataMap.</summary>
internal static class SourceJobData
{
    public const string Kind = "kind";
    public const string Id = "id";
    public const string Url = "url";
    public const string Account = "account";
    public const string Cron = "cron";
    public const string Charset = "charset";
    public const string Articles = "articles";

    /// <summary>The cron the configuration last asked for; an admin's change stands until the configuration changes.</summary>
    public const string ConfiguredCron = "configuredCron";

    /// <summary><c>config</c> or <c>admin</c>: who added the source (config sources leave when the configuration drops them).</summary>
    public const string Origin = "origin";

    public const string ETag = "etag";
    public const string LastModified = "lastModified";

    public static JobDataMap ToMap(SourceDefinition source)
    {
        var map = new JobDataMap
        {
            [Kind] = source.Kind,
            [Id] = source.Id,
            [Url] = source.Url?.AbsoluteUri ?? string.Empty,
            [Account] = source.Account ?? string.Empty,
            [Cron] = source.Cron,
            [Charset] = source.Charset ?? string.Empty,
            [Articles] = string.Join(',', source.Articles),
        };
        return map;
    }

    public static SourceDefinition FromMap(JobDataMap map) => new()
    {
        Kind = Get(map, Kind) ?? string.Empty,
        Id = Get(map, Id) ?? string.Empty,
        Url = Get(map, Url) is { } url ? new Uri(url) : null,
        Account = Get(map, Account),
        Cron = Get(map, Cron) ?? string.Empty,
        Charset = Get(map, Charset),
        Articles = (Get(map, Articles) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).ToList(),
    };

    public static string? Get(JobDataMap map, string key) =>
        map.TryGetValue(key, out var value) && value is string { Length: > 0 } text ? text : null;
}
