using Microsoft.Extensions.Options;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>Checks every rule and reports every failure at once; never echoes the AppSecret.</summary>
internal sealed class WeChatApiOptionsValidator : IValidateOptions<WeChatApiOptions>
{
    public ValidateOptionsResult Validate(string? name, WeChatApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = WeChatApiOptions.SectionName;

        if (options.BaseAddress is not { IsAbsoluteUri: true } || (options.BaseAddress.Scheme != Uri.UriSchemeHttps && options.BaseAddress.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{S}:BaseAddress '{options.BaseAddress}' must be an absolute http(s) URL (default https://api.weixin.qq.com/).");
        }

        var hasId = !string.IsNullOrWhiteSpace(options.AppId);
        var hasSecret = !string.IsNullOrWhiteSpace(options.AppSecret);
        if (hasId != hasSecret)
        {
            failures.Add($"{S}:AppId and {S}:AppSecret must be set together (or both left empty to keep polling off).");
        }

        if (hasId && !options.AppId.StartsWith("wx", StringComparison.Ordinal))
        {
            failures.Add($"{S}:AppId '{options.AppId}' is not an AppID; it starts with 'wx'.");
        }

        Range(failures, $"{S}:TokenRefreshMargin", options.TokenRefreshMargin, TimeSpan.Zero, TimeSpan.FromHours(1));
        Range(failures, $"{S}:AttemptTimeout", options.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(10));
        Range(failures, $"{S}:RetryBaseDelay", options.RetryBaseDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5));
        Range(failures, $"{S}:RetryMaxDelay", options.RetryMaxDelay, options.RetryBaseDelay, TimeSpan.FromHours(1));

        if (options.MaxRetryAttempts is < 1 or > 10)
        {
            failures.Add($"{S}:MaxRetryAttempts is {options.MaxRetryAttempts}; it must be between 1 and 10.");
        }

        if (options.ArticlePageSize is < 1 or > WeChatApiOptions.MaxArticlePageSize)
        {
            failures.Add($"{S}:ArticlePageSize is {options.ArticlePageSize}; freepublish/batchget takes 1–{WeChatApiOptions.MaxArticlePageSize}.");
        }

        if (options.CommentPageSize is < 1 or > WeChatApiOptions.MaxCommentPageSize)
        {
            failures.Add($"{S}:CommentPageSize is {options.CommentPageSize}; comment/list takes 1–{WeChatApiOptions.MaxCommentPageSize} (50 or more is rejected).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} is {value}; it must be between {min} and {max}.");
        }
    }
}
