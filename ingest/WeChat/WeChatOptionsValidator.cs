using Microsoft.Extensions.Options;

namespace Monitor.Ingest.WeChat;

/// <summary>Checks every rule and reports every failure at once; never echoes secret values.</summary>
internal sealed class WeChatOptionsValidator : IValidateOptions<WeChatOptions>
{
    internal const int MaxAllowedBodyBytes = 16 * 1024 * 1024;
    internal const int MaxReplayWindowSeconds = 24 * 60 * 60;

    public ValidateOptionsResult Validate(string? name, WeChatOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        const string S = WeChatOptions.SectionName;

        // An empty Token is allowed: the host starts and the callback answers 503 until one is configured.
        if (!string.IsNullOrEmpty(options.Token))
        {
            if (options.Token.Length is < 3 or > 32)
            {
                failures.Add($"{S}:Token is {options.Token.Length} characters long; it must be 3–32 characters.");
            }

            AddIfNotAlphanumeric(failures, $"{S}:Token", options.Token);
        }

        var aesKey = options.EncodingAESKey ?? string.Empty;
        if (aesKey.Length > 0)
        {
            if (aesKey.Length != 43)
            {
                failures.Add($"{S}:EncodingAESKey is {aesKey.Length} characters long; it must be empty (plain mode) or exactly 43 characters.");
            }

            AddIfNotAlphanumeric(failures, $"{S}:EncodingAESKey", aesKey);

            if (string.IsNullOrWhiteSpace(options.AppId))
            {
                failures.Add($"{S}:AppId is required when {S}:EncodingAESKey is set: every decrypted message ends with the AppID and is checked against it.");
            }
        }

        var previousKey = options.PreviousEncodingAESKey ?? string.Empty;
        if (previousKey.Length > 0)
        {
            if (previousKey.Length != 43)
            {
                failures.Add($"{S}:PreviousEncodingAESKey is {previousKey.Length} characters long; it must be empty or exactly 43 characters.");
            }

            AddIfNotAlphanumeric(failures, $"{S}:PreviousEncodingAESKey", previousKey);

            if (aesKey.Length == 0)
            {
                failures.Add($"{S}:PreviousEncodingAESKey is set but {S}:EncodingAESKey is empty; set the current key too, or clear both for plain mode.");
            }
            else if (string.Equals(aesKey, previousKey, StringComparison.Ordinal))
            {
                failures.Add($"{S}:PreviousEncodingAESKey equals {S}:EncodingAESKey; leave it empty unless the key was rotated.");
            }
        }

        if (options.ReplayWindowSeconds is < 1 or > MaxReplayWindowSeconds)
        {
            failures.Add($"{S}:ReplayWindowSeconds is {options.ReplayWindowSeconds}; it must be between 1 and {MaxReplayWindowSeconds} (default {WeChatOptions.DefaultReplayWindowSeconds}).");
        }

        if (!string.IsNullOrEmpty(options.AccountId) && !options.AccountId.StartsWith("gh_", StringComparison.Ordinal))
        {
            failures.Add($"{S}:AccountId '{options.AccountId}' is not an original id; it must start with 'gh_' (or be left empty).");
        }

        if (options.MaxBodyBytes is <= 0 or > MaxAllowedBodyBytes)
        {
            failures.Add($"{S}:MaxBodyBytes is {options.MaxBodyBytes}; it must be between 1 and {MaxAllowedBodyBytes} (default {WeChatOptions.DefaultMaxBodyBytes}).");
        }

        if (string.IsNullOrWhiteSpace(options.AcknowledgementTemplate) || !options.AcknowledgementTemplate.Contains("{0}", StringComparison.Ordinal))
        {
            failures.Add($"{S}:AcknowledgementTemplate must contain {{0}}, where the case number goes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddIfNotAlphanumeric(List<string> failures, string key, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiLetterOrDigit(value[i]))
            {
                failures.Add($"{key} has a character other than A–Z, a–z, 0–9 at position {i + 1}; only those are allowed.");
                return;
            }
        }
    }
}
