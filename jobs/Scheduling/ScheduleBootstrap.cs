using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Jobs;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Scheduling;

/// <summary>
/// At start, brings the configured sources (section <c>Sources</c>) and the duties into the job store. Invalid
/// sources stop the start with every problem listed.
/// </summary>
internal sealed class ScheduleBootstrap(
    IConfiguration configuration, SourceSchedule sources, ISchedulerFactory schedulers, IOptions<SchedulerOptions> options) : IHostedService
{
    public const string SourcesSection = "Sources";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = configuration.GetSection(SourcesSection).Get<List<SourceDefinition>>() ?? [];
        var failures = SourceDefinitionValidator.Validate(configured);
        if (failures.Count > 0)
        {
            throw new OptionsValidationException(SourcesSection, typeof(SourceDefinition), failures);
        }

        await sources.ApplyConfigurationAsync(configured, cancellationToken);
        await ScheduleDutiesAsync(await schedulers.GetScheduler(cancellationToken), options.Value, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The duties every deployment runs: for now the analysis catch-up.</summary>
    internal static async Task ScheduleDutiesAsync(IScheduler scheduler, SchedulerOptions options, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var job = JobBuilder.Create<AnalysisCatchUpJob>().WithIdentity(JobKeys.Duty(AnalysisCatchUpJob.Name)).StoreDurably().RequestRecovery().Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(JobKeys.DutyTrigger(AnalysisCatchUpJob.Name))
            .ForJob(job)
            .WithCronSchedule(options.AnalysisCatchUpCron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(job, trigger, ScheduleJobOptions.Replacing, cancellationToken);
    }
}
