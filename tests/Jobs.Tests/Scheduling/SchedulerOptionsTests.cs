using Microsoft.Extensions.Configuration;
using Monitor.Jobs.Scheduling;

namespace Monitor.Jobs.Tests.Scheduling;

public sealed class SchedulerOptionsTests
{
    [Fact]
    public void SchedulerOptionsValidatorListsEveryFailure()
    {
        var result = new SchedulerOptionsValidator().Validate(null, new SchedulerOptions
        {
            Store = JobStoreKind.Postgres, MaxConcurrency = 0, AnalysisCatchUpCron = "soon", TimeZone = "Mars/Olympus",
        });

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("Jobs:ConnectionString", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("was 0", StringComparison.Ordinal));
    }

    [Fact]
    public void PostgresStoreIsBoundFromTheJobsSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:Store"] = "postgres",
            ["Jobs:ConnectionString"] = "Host=db;Database=quartz;Username=monitor;Password=secret",
            ["Jobs:ClusterCheckinInterval"] = "00:00:05",
        }).Build();

        var options = configuration.GetSection(SchedulerOptions.SectionName).Get<SchedulerOptions>()!;

        Assert.Equal(JobStoreKind.Postgres, options.Store);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ClusterCheckinInterval);
        Assert.True(new SchedulerOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void SqliteStoreDefaultsToQuartzDbInTheDataFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

        var connectionString = JobStoreSetup.ConnectionString(new SchedulerOptions(), folder);

        Assert.Equal("Data Source=" + Path.Combine(folder, "quartz.db"), connectionString);
        Assert.False(Directory.Exists(folder));
    }
}
