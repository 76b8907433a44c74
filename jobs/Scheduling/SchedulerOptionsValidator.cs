using System.Globalization;
using Microsoft.Extensions.Options;
using Quartz;

namespace Monitor.Jobs.Scheduling;

/// <summary>Checks the <c>Jobs</c> section and names every failure with its value.</summary>
internal sealed class SchedulerOptionsValidator : IValidateOptions<SchedulerOptions>
{
    public ValidateOptionsResult Validate(string? name, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        if (!Enum.IsDefined(options.Store))
        {
            (failures ??= []).Add($"Jobs:Store must be sqlite or postgres, was '{options.Store}'.");
        }

        if (options.Store == JobStoreKind.Postgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            (failures ??= []).Add("Jobs:ConnectionString is required when Jobs:Store is postgres.");
        }

        if (string.IsNullOrWhiteSpace(options.InstanceName))
        {
            (failures ??= []).Add("Jobs:InstanceName must not be empty.");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            (failures ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"Jobs:MaxConcurrency must be 1–64, was {options.MaxConcurrency}."));
        }

        if (options.MisfireThreshold < TimeSpan.FromSeconds(1))
        {
            (failures ??= []).Add($"Jobs:MisfireThreshold must be at least 1 s, was {options.MisfireThreshold}.");
        }

        if (options.ClusterCheckinInterval < TimeSpan.FromSeconds(1))
        {
            (failures ??= []).Add($"Jobs:ClusterCheckinInterval must be at least 1 s, was {options.ClusterCheckinInterval}.");
        }

        if (options.RetryAttempts is < 0 or > 20)
        {
            (failures ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"Jobs:RetryAttempts must be 0–20, was {options.RetryAttempts}."));
        }

        if (options.RetryInitialDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryInitialDelay)
        {
            (failures ??= []).Add($"Jobs:RetryInitialDelay ({options.RetryInitialDelay}) must be at least 0 and at most Jobs:RetryMaxDelay ({options.RetryMaxDelay}).");
        }

        if (!CronExpression.TryParse(options.AnalysisCatchUpCron, out _))
        {
            (failures ??= []).Add($"Jobs:AnalysisCatchUpCron '{options.AnalysisCatchUpCron}' is not a Quartz cron expression.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _))
        {
            (failures ??= []).Add($"Jobs:TimeZone '{options.TimeZone}' is not a known time zone.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
