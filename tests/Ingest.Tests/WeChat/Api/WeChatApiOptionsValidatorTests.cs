using Monitor.Ingest.WeChat.Api;

namespace Monitor.Ingest.Tests.WeChat.Api;

public sealed class WeChatApiOptionsValidatorTests
{
    private readonly WeChatApiOptionsValidator validator = new();

    [Fact]
    public void DefaultsAreValidWithPollingOff()
    {
        Assert.True(validator.Validate(null, new WeChatApiOptions()).Succeeded);
    }

    [Fact]
    public void EveryFailureIsListedAtOnceAndTheSecretIsNeverEchoed()
    {
        var result = validator.Validate(null, new WeChatApiOptions
        {
            BaseAddress = new Uri("ftp://api.weixin.qq.com/"),
            AppSecret = "super-secret-value",
            MaxRetryAttempts = 0,
            ArticlePageSize = 21,
            CommentPageSize = 50,
            AttemptTimeout = TimeSpan.Zero,
        });

        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("WeChat:Api:BaseAddress 'ftp://api.weixin.qq.com/'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("must be set together", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:Api:MaxRetryAttempts is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:Api:ArticlePageSize is 21", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:Api:CommentPageSize is 50", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:Api:AttemptTimeout is 00:00:00", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
        Assert.DoesNotContain("super-secret-value", result.FailureMessage, StringComparison.Ordinal);
    }
}
