using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Tests.Alerts;

public sealed class AlertOptionsValidatorTests
{
    [Fact]
    public void EveryFailureIsListedWithItsValue()
    {
        var options = new AlertOptions { EvaluationCron = "every hour", BaselineWeeks = 0 };
        options.Rules.Add(new AlertRule { Id = "a", Split = AlertSplit.Sentiment, Value = "angry", MinimumCount = 0 });
        options.Rules.Add(new AlertRule { Id = "a", Value = "拆迁", ThresholdFactor = -1 });
        options.Email.Host = "smtp.example.gov.cn";
        options.Email.From = "not an address";

        var result = new AlertOptionsValidator().Validate(null, options);

        Assert.Equal(
            [
                "Alerts:Rules:0:Value must be positive or negative for a sentiment rule, was 'angry'.",
                "Alerts:Rules:0:MinimumCount must be at least 1, was 0.",
                "Alerts:Rules:1:Id 'a' is used by another rule.",
                "Alerts:Rules:1:ThresholdFactor must be at least 0, was -1.",
                "Alerts:EvaluationCron 'every hour' is not a Quartz cron expression.",
                "Alerts:BaselineWeeks must be 1–52, was 0.",
                "Alerts:Email:From must be an e-mail address, was 'not an address'.",
                "Alerts:Email:To must name at least one address when Alerts:Email:Host is set.",
            ],
            result.Failures!);
    }

    [Fact]
    public void DefaultsAreValid() => Assert.True(new AlertOptionsValidator().Validate(null, new AlertOptions()).Succeeded);
}
