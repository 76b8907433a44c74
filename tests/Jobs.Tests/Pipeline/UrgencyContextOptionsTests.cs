using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Pipeline;

namespace Monitor.Jobs.Tests.Pipeline;

public sealed class UrgencyContextOptionsTests
{
    [Fact]
    public void FailuresAreListedWithTheirValues()
    {
        var result = new UrgencyContextOptionsValidator().Validate(null, new UrgencyContextOptions
        {
            RepeatContactWindow = TimeSpan.Zero,
            ClusterGrowthWindow = TimeSpan.FromDays(400),
            ClusterGrowthBase = 0,
            MaxMemberUpdatesPerBatch = -1,
        });

        Assert.Equal(
            [
                "Urgency:RepeatContactWindow must be more than 0 and at most 365 days, was 00:00:00.",
                "Urgency:ClusterGrowthWindow must be more than 0 and at most 365 days, was 400.00:00:00.",
                "Urgency:ClusterGrowthBase must be 1 to 1000000, was 0.",
                "Urgency:MaxMemberUpdatesPerBatch must be 0 to 100000, was -1.",
            ],
            result.Failures!);
    }

    [Fact]
    public void TheSectionIsBoundAndTheDefaultsPass()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urgency:RepeatContactWindow"] = "14.00:00:00",
            ["Urgency:MaxMemberUpdatesPerBatch"] = "64",
        }).Build();
        var services = new ServiceCollection();
        services.AddOptions<UrgencyContextOptions>().Bind(configuration.GetSection(UrgencyContextOptions.SectionName));

        var bound = services.BuildServiceProvider().GetRequiredService<IOptions<UrgencyContextOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(14), bound.RepeatContactWindow);
        Assert.Equal(64, bound.MaxMemberUpdatesPerBatch);
        Assert.Equal(TimeSpan.FromDays(1), bound.ClusterGrowthWindow);
        Assert.True(new UrgencyContextOptionsValidator().Validate(null, new UrgencyContextOptions()).Succeeded);
    }
}
