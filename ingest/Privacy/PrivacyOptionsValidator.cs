using Microsoft.Extensions.Options;

namespace Monitor.Ingest.Privacy;

/// <summary>Checks the configured key without ever echoing it.</summary>
internal sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.PseudonymKey))
        {
            return ValidateOptionsResult.Success;
        }

        var key = TryDecode(options.PseudonymKey);
        if (key is null)
        {
            return ValidateOptionsResult.Fail(
                $"{PrivacyOptions.SectionName}:PseudonymKey is not valid Base64 ({options.PseudonymKey.Length} characters); generate one with `openssl rand -base64 32`.");
        }

        if (key.Length < Pseudonymizer.MinKeyBytes)
        {
            return ValidateOptionsResult.Fail(
                $"{PrivacyOptions.SectionName}:PseudonymKey decodes to {key.Length} bytes; it must be at least {Pseudonymizer.MinKeyBytes} random bytes.");
        }

        return ValidateOptionsResult.Success;
    }

    internal static byte[]? TryDecode(string base64)
    {
        var buffer = new byte[base64.Length];
        return Convert.TryFromBase64String(base64.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
