using System.Globalization;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>A WeChat API answer with a non-zero errcode, after any retries and token refreshes were spent.</summary>
public sealed class WeChatApiException : Exception
{
    public WeChatApiException()
    {
        ErrorMessage = string.Empty;
        Endpoint = string.Empty;
    }

    public WeChatApiException(string message)
        : base(message)
    {
        ErrorMessage = message;
        Endpoint = string.Empty;
    }

    public WeChatApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        ErrorMessage = message;
        Endpoint = string.Empty;
    }

    public WeChatApiException(string endpoint, int errorCode, string? errorMessage)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"WeChat API {endpoint} answered errcode {errorCode} ({errorMessage}); action: {ActionFor(errorCode)}"))
    {
        Endpoint = endpoint;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage ?? string.Empty;
        Action = ActionFor(errorCode);
    }

    /// <summary>The API path, e.g. <c>cgi-bin/comment/list</c>.</summary>
    public string Endpoint { get; }

    /// <summary>WeChat's errcode.</summary>
    public int ErrorCode { get; }

    /// <summary>WeChat's errmsg, as sent.</summary>
    public string ErrorMessage { get; }

    public WeChatErrorAction Action { get; }

    /// <summary>The action WECHAT.md §9 prescribes for an errcode.</summary>
    public static WeChatErrorAction ActionFor(int errorCode) => errorCode switch
    {
        -1 or 45011 => WeChatErrorAction.RetryWithBackoff,
        40001 or 40014 or 42001 => WeChatErrorAction.RefreshToken,
        45009 => WeChatErrorAction.StopUntilTomorrow,
        40164 or 40243 or 89503 => WeChatErrorAction.AlertAdmin,
        48001 => WeChatErrorAction.DisableFeature,
        45015 or 45047 => WeChatErrorAction.NotDeliverable,
        >= 88000 and <= 88008 => WeChatErrorAction.PerArticle,
        _ => WeChatErrorAction.Fail,
    };
}
