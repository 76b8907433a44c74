using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace Monitor.Jobs.Briefs;

/// <summary>Checks the <c>Briefs</c> section and names every failure with its value.</summary>
internal sealed class BriefOptionsValidator : IValidateOptions<BriefOptions>
{
    public ValidateOptionsResult Validate(string? name, BriefOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, cron) in new[] { ("DailyCron", options.DailyCron), ("WeeklyCron", options.WeeklyCron) })
        {
            if (!CronExpression.TryParse(cron, out _))
            {
                failures.Add($"Briefs:{key} '{cron}' is not a Quartz cron expression.");
            }
        }

        if (options.Accounts.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Briefs:Accounts must not contain an empty account.");
        }

        if (options.DashboardBaseUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https")))
        {
            failures.Add($"Briefs:DashboardBaseUrl must be an absolute http(s) URL, was '{url}'.");
        }

        if (string.IsNullOrWhiteSpace(options.Folder))
        {
            failures.Add("Briefs:Folder must not be empty.");
        }

        foreach (var (key, value) in new[] { ("TopTopics", options.TopTopics), ("TopTerms", options.TopTerms), ("UrgentCases", options.UrgentCases) })
        {
            if (value is < 1 or > 100)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"Briefs:{key} must be 1–100, was {value}."));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
