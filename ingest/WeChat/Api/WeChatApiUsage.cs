using System.Globalization;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>
/// Counts what the client spends of WeChat's limits and remembers the token's state. One per process (the client is
/// a singleton); thread-safe. The jobs copy its <see cref="Snapshot"/> into the ingest health record after each run,
/// so a web node that never calls the API still shows it.
/// </summary>
public sealed class WeChatApiUsage(TimeProvider time)
{
    /// <summary>45009: the endpoint's daily quota is used up.</summary>
    public const int QuotaReachedCode = 45009;

    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly IReadOnlyDictionary<string, int> Limits = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        [WeChatAccessTokenProvider.Path] = 500_000,
        [WeChatAccessTokenProvider.Path + " (force_refresh)"] = 20,
    };

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _calls = new(StringComparer.Ordinal);
    private string _day = string.Empty;
    private int _forcedToday;
    private DateTimeOffset? _validUntil;
    private DateTimeOffset? _lastRefresh;
    private DateTimeOffset? _lastErrorAt;
    private string? _lastError;
    private DateTimeOffset? _quotaAt;
    private string? _quotaEndpoint;

    public void RecordCall(string endpoint)
    {
        lock (_gate)
        {
            Roll();
            _calls[endpoint] = _calls.GetValueOrDefault(endpoint) + 1;
        }
    }

    public void RecordError(string endpoint, int errorCode)
    {
        if (errorCode != QuotaReachedCode)
        {
            return;
        }

        lock (_gate)
        {
            _quotaAt = time.GetUtcNow();
            _quotaEndpoint = endpoint;
        }
    }

    public void RecordTokenFetched(DateTimeOffset validUntil, bool forced)
    {
        lock (_gate)
        {
            Roll();
            _validUntil = validUntil;
            _lastRefresh = time.GetUtcNow();
            if (forced)
            {
                _forcedToday++;
            }
        }
    }

    public void RecordTokenFailure(string error)
    {
        lock (_gate)
        {
            _lastErrorAt = time.GetUtcNow();
            _lastError = error;
        }
    }

    public WeChatApiStatus Snapshot()
    {
        lock (_gate)
        {
            Roll();
            var calls = new Dictionary<string, int>(_calls, StringComparer.Ordinal);
            if (_forcedToday > 0)
            {
                calls[WeChatAccessTokenProvider.Path + " (force_refresh)"] = _forcedToday;
            }

            return new WeChatApiStatus
            {
                TokenValidUntil = _validUntil,
                TokenLastRefreshAt = _lastRefresh,
                TokenForcedRefreshesToday = _forcedToday,
                TokenLastErrorAt = _lastErrorAt,
                TokenLastError = _lastError,
                Day = _day,
                CallsToday = calls,
                DailyLimits = Limits,
                QuotaReachedAt = _quotaAt,
                QuotaReachedEndpoint = _quotaEndpoint,
            };
        }
    }

    /// <summary>WeChat's quotas reset at midnight China time: so do the counts.</summary>
    private void Roll()
    {
        var day = time.GetUtcNow().ToOffset(ChinaOffset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (day != _day)
        {
            _day = day;
            _calls.Clear();
            _forcedToday = 0;
        }
    }
}
