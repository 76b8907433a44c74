using Microsoft.Extensions.Options;
using Monitor.Index.Corrections;

namespace Monitor.Jobs.Retraining;

/// <summary>Checks the <c>Retraining</c> section and names every failure with its value.</summary>
internal sealed class RetrainingOptionsValidator : IValidateOptions<RetrainingOptions>
{
    public ValidateOptionsResult Validate(string? name, RetrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Quartz.CronExpression.TryParse(options.Cron ?? string.Empty, out _))
        {
            failures.Add($"Retraining:Cron '{options.Cron}' is not a Quartz cron expression (e.g. 0 30 3 ? * SUN).");
        }

        if (options.MinNewCorrections < 1)
        {
            failures.Add($"Retraining:MinNewCorrections must be at least 1, was {options.MinNewCorrections}.");
        }

        foreach (var task in options.EffectiveTasks.Where(t => t is not (LabelTasks.Emotion or LabelTasks.Topic or LabelTasks.Sentiment)))
        {
            failures.Add($"Retraining:Tasks may name emotion, topic and sentiment (the trained models), not '{task}'.");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
