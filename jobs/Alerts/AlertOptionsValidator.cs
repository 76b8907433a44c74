using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace Monitor.Jobs.Alerts;

/// <summary>Checks the <c>Alerts</c> section and names every failure with its value.</summary>
internal sealed class AlertOptionsValidator : IValidateOptions<AlertOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Rules.Count; i++)
        {
            var rule = options.Rules[i];
            var at = string.Create(CultureInfo.InvariantCulture, $"Alerts:Rules:{i}");
            if (string.IsNullOrWhiteSpace(rule.Id))
            {
                failures.Add($"{at}:Id must not be empty.");
            }
            else if (!ids.Add(rule.Id))
            {
                failures.Add($"{at}:Id '{rule.Id}' is used by another rule.");
            }

            if (!Enum.IsDefined(rule.Split))
            {
                failures.Add($"{at}:Split must be keyword, topic or sentiment, was '{rule.Split}'.");
            }

            if (string.IsNullOrWhiteSpace(rule.Value))
            {
                failures.Add($"{at}:Value must not be empty.");
            }
            else if (rule.Split == AlertSplit.Sentiment && rule.Value is not ("positive" or "negative"))
            {
                failures.Add($"{at}:Value must be positive or negative for a sentiment rule, was '{rule.Value}'.");
            }

            if (!double.IsFinite(rule.ThresholdFactor) || rule.ThresholdFactor < 0)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:ThresholdFactor must be at least 0, was {rule.ThresholdFactor}."));
            }

            if (rule.MinimumCount < 1)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:MinimumCount must be at least 1, was {rule.MinimumCount}."));
            }
        }

        if (!CronExpression.TryParse(options.EvaluationCron, out _))
        {
            failures.Add($"Alerts:EvaluationCron '{options.EvaluationCron}' is not a Quartz cron expression.");
        }

        if (options.BaselineWeeks is < 1 or > 52)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"Alerts:BaselineWeeks must be 1–52, was {options.BaselineWeeks}."));
        }

        if (options.MinimumSpacing < TimeSpan.Zero)
        {
            failures.Add($"Alerts:MinimumSpacing must not be negative, was {options.MinimumSpacing}.");
        }

        if (options.SourceSilence < TimeSpan.Zero)
        {
            failures.Add($"Alerts:SourceSilence must not be negative, was {options.SourceSilence}.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseFile))
        {
            failures.Add("Alerts:DatabaseFile must not be empty.");
        }

        foreach (var (key, url) in new[] { ("WeComWebhook", options.WeComWebhook), ("DingTalkWebhook", options.DingTalkWebhook), ("DashboardBaseUrl", options.DashboardBaseUrl) })
        {
            if (url is not null && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
            {
                failures.Add($"Alerts:{key} must be an absolute http(s) URL, was '{url}'.");
            }
        }

        var email = options.Email;
        if (!string.IsNullOrWhiteSpace(email.Host))
        {
            if (email.Port is < 1 or > 65535)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Alerts:Email:Port must be 1–65535, was {email.Port}."));
            }

            if (!Enum.TryParse<MailKit.Security.SecureSocketOptions>(email.Security, ignoreCase: true, out _))
            {
                failures.Add($"Alerts:Email:Security must be None, Auto, SslOnConnect, StartTls or StartTlsWhenAvailable, was '{email.Security}'.");
            }

            if (!MimeKit.MailboxAddress.TryParse(email.From ?? string.Empty, out _))
            {
                failures.Add($"Alerts:Email:From must be an e-mail address, was '{email.From}'.");
            }

            if (email.To.Count == 0)
            {
                failures.Add("Alerts:Email:To must name at least one address when Alerts:Email:Host is set.");
            }

            foreach (var to in email.To.Where(t => !MimeKit.MailboxAddress.TryParse(t, out _)))
            {
                failures.Add($"Alerts:Email:To '{to}' is not an e-mail address.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
