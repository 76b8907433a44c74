using Microsoft.Extensions.Logging;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>The API client's log lines; tokens, secrets and OpenIDs never appear in them.</summary>
internal static partial class WeChatApiLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "WeChat access token fetched (force_refresh {Forced}), valid {ExpiresIn} s, cached for {CachedFor}")]
    public static partial void TokenFetched(ILogger logger, bool forced, long expiresIn, TimeSpan cachedFor);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "WeChat API {Endpoint} refused the access token (errcode {ErrorCode}); refreshing, force_refresh {Forced}")]
    public static partial void TokenRejected(ILogger logger, string endpoint, int errorCode, bool forced);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "A forced token refresh was asked for within 30 s of the last one; asking without force_refresh instead")]
    public static partial void ForcedRefreshTooSoon(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "WeChat API {Endpoint} attempt {Attempt} failed ({Reason}); retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string endpoint, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "WeChat API {Endpoint} answered errcode {ErrorCode}: {ErrorMessage}; action {Action}")]
    public static partial void ApiError(ILogger logger, string endpoint, int errorCode, string errorMessage, WeChatErrorAction action);
}
