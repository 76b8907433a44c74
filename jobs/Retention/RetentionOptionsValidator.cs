using Microsoft.Extensions.Options;

namespace Monitor.Jobs.Retention;

/// <summary>Checks the <c>Retention</c> section and names every failure with its value.</summary>
internal sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Days is < 0 or > 36500)
        {
            failures.Add($"Retention:Days must be 0 (keep everything) or 1 to 36500 days, was {options.Days}.");
        }

        if (!Quartz.CronExpression.TryParse(options.Cron ?? string.Empty, out _))
        {
            failures.Add($"Retention:Cron '{options.Cron}' is not a Quartz cron expression (e.g. 0 30 2 * * ?).");
        }

        if (options.BatchSize is < 1 or > 100_000)
        {
            failures.Add($"Retention:BatchSize must be 1 to 100000, was {options.BatchSize}.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseFile))
        {
            failures.Add("Retention:DatabaseFile must not be empty.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
