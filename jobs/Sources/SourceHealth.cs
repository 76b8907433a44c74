namespace Monitor.Jobs.Sources;

/// <summary>How a source's polling is going (PRODUCT.md idea 14).</summary>
public sealed record SourceHealth
{
    public required string SourceId { get; init; }

    public required string Kind { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastErrorAt { get; init; }

    /// <summary>WeChat errcode or HTTP status of the last failure; 0 for a network error or none.</summary>
    public int? LastErrorCode { get; init; }

    /// <summary>The WeChat error action (e.g. StopUntilTomorrow) or <c>Fail</c>.</summary>
    public string? LastErrorAction { get; init; }

    public string? LastError { get; init; }

    public int ConsecutiveFailures { get; init; }

    /// <summary>Messages (or changes) stored by the last successful run.</summary>
    public int ItemsLastRun { get; init; }

    /// <summary>Set while the source is stopped (daily quota): its trigger will not fire before this.</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>For WeChat sources: the API client's token state and quota use after the last run.</summary>
    public Monitor.Ingest.WeChat.Api.WeChatApiStatus? WeChatApi { get; init; }
}
