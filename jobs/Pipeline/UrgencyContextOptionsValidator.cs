using Microsoft.Extensions.Options;

namespace Monitor.Jobs.Pipeline;

/// <summary>Checks the <c>Urgency</c> section and names every failure with its value.</summary>
internal sealed class UrgencyContextOptionsValidator : IValidateOptions<UrgencyContextOptions>
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public ValidateOptionsResult Validate(string? name, UrgencyContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RepeatContactWindow <= TimeSpan.Zero || options.RepeatContactWindow > Longest)
        {
            failures.Add($"Urgency:RepeatContactWindow must be more than 0 and at most 365 days, was {options.RepeatContactWindow}.");
        }

        if (options.ClusterGrowthWindow <= TimeSpan.Zero || options.ClusterGrowthWindow > Longest)
        {
            failures.Add($"Urgency:ClusterGrowthWindow must be more than 0 and at most 365 days, was {options.ClusterGrowthWindow}.");
        }

        if (options.ClusterGrowthBase is < 1 or > 1_000_000)
        {
            failures.Add($"Urgency:ClusterGrowthBase must be 1 to 1000000, was {options.ClusterGrowthBase}.");
        }

        if (options.MaxMemberUpdatesPerBatch is < 0 or > 100_000)
        {
            failures.Add($"Urgency:MaxMemberUpdatesPerBatch must be 0 to 100000, was {options.MaxMemberUpdatesPerBatch}.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
