using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

public sealed class WeChatOptionsValidatorTests
{
    private readonly WeChatOptionsValidator validator = new();

    [Fact]
    public void PlainModeWithAGoodTokenIsValid()
    {
        var result = validator.Validate(null, new WeChatOptions { Token = "AAAAA" });
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void SafeModeWithKeyAndAppIdIsValid()
    {
        var result = validator.Validate(null, new WeChatOptions
        {
            Token = "spamtest",
            EncodingAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            AppId = "wx2c2769f8efd9abc2",
            AccountId = "gh_10f6c3c3ac5a",
        });
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void EveryFailureIsListedAtOnce()
    {
        var result = validator.Validate(null, new WeChatOptions
        {
            Token = "a-",
            EncodingAESKey = "short!",
            AccountId = "10f6c3c3ac5a",
            MaxBodyBytes = 0,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("WeChat:Token is 2 characters long", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:Token has a character other than", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:EncodingAESKey is 6 characters long", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:EncodingAESKey has a character other than", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:AppId is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:AccountId '10f6c3c3ac5a'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:MaxBodyBytes is 0", StringComparison.Ordinal));
        Assert.Equal(7, failures.Count);
    }

    [Fact]
    public void MissingTokenIsAllowedSoTheHostStartsWithTheCallbackOff()
    {
        var result = validator.Validate(null, new WeChatOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void AcknowledgementWithoutACaseNumberPlaceIsRefused()
    {
        var result = validator.Validate(null, new WeChatOptions { AcknowledgementTemplate = "已收到" });
        Assert.Contains("AcknowledgementTemplate must contain {0}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TokenValueIsNeverEchoed()
    {
        var result = validator.Validate(null, new WeChatOptions { Token = "secret-token-value" });
        Assert.DoesNotContain("secret-token-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousKeyRulesAndReplayWindowAreChecked()
    {
        var result = validator.Validate(null, new WeChatOptions
        {
            Token = "AAAAA",
            PreviousEncodingAESKey = "tooshort",
            ReplayWindowSeconds = 0,
        });

        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("WeChat:PreviousEncodingAESKey is 8 characters long", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:PreviousEncodingAESKey is set but WeChat:EncodingAESKey is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("WeChat:ReplayWindowSeconds is 0", StringComparison.Ordinal));
        Assert.Equal(3, failures.Count);
    }

    [Fact]
    public void ARotatedKeyPairIsValid()
    {
        var result = validator.Validate(null, new WeChatOptions
        {
            Token = "spamtest",
            EncodingAESKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
            PreviousEncodingAESKey = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut",
            AppId = "wx2c2769f8efd9abc2",
        });
        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
