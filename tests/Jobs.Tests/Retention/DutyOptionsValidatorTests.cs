using Microsoft.Extensions.Configuration;
using Monitor.Jobs.Retention;
using Monitor.Jobs.Retraining;

namespace Monitor.Jobs.Tests.Retention;

public sealed class DutyOptionsValidatorTests
{
    [Fact]
    public void RetentionFailuresAreListedWithTheirValues()
    {
        var result = new RetentionOptionsValidator().Validate(null, new RetentionOptions { Days = -1, Cron = "nightly", BatchSize = 0, DatabaseFile = " " });

        Assert.Equal(
            [
                "Retention:Days must be 0 (keep everything) or 1 to 36500 days, was -1.",
                "Retention:Cron 'nightly' is not a Quartz cron expression (e.g. 0 30 2 * * ?).",
                "Retention:BatchSize must be 1 to 100000, was 0.",
                "Retention:DatabaseFile must not be empty.",
            ],
            result.Failures!);
    }

    [Fact]
    public void RetrainingFailuresAreListedWithTheirValues()
    {
        var options = new RetrainingOptions { Cron = "weekly", MinNewCorrections = 0 };
        options.Tasks.Add("urgency");

        var result = new RetrainingOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Retraining:Cron 'weekly' is not a Quartz cron expression (e.g. 0 30 3 ? * SUN).",
                "Retraining:MinNewCorrections must be at least 1, was 0.",
                "Retraining:Tasks may name emotion, topic and sentiment (the trained models), not 'urgency'.",
            ],
            result.Failures!);
    }

    [Fact]
    public void DefaultsAreValidAndRetentionIsOff()
    {
        Assert.True(new RetentionOptionsValidator().Validate(null, new RetentionOptions()).Succeeded);
        Assert.True(new RetrainingOptionsValidator().Validate(null, new RetrainingOptions()).Succeeded);
        Assert.Equal(0, new RetentionOptions().Days);
    }

    [Fact]
    public void ConfiguredListsReplaceTheDefaultsInsteadOfAddingToThem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retraining:Tasks:0"] = "topic",
            ["Retention:Days"] = "1095",
        }).Build();

        var retraining = configuration.GetSection(RetrainingOptions.SectionName).Get<RetrainingOptions>()!;
        var retention = configuration.GetSection(RetentionOptions.SectionName).Get<RetentionOptions>()!;

        Assert.Equal(["topic"], retraining.EffectiveTasks);
        Assert.Equal(["留言主题", "留言详情"], retraining.EffectiveTopicTextColumns);
        Assert.Equal(1095, retention.Days);
    }
}
