using Microsoft.Extensions.Options;
using Monitor.Jobs.Jobs;
using Monitor.Jobs.Scheduling;
using Quartz;

namespace Monitor.Jobs.Sources;

/// <summary>Keeps one durable Quartz job and one cron trigger per source.</summary>
internal sealed class SourceSchedule(ISchedulerFactory schedulers, IOptions<SchedulerOptions> options) : ISourceSchedule
{
    public const string FromConfiguration = "config";
    public const string FromAdmin = "admin";

    public Task AddOrUpdateAsync(SourceDefinition source, CancellationToken cancellationToken) =>
        ScheduleAsync(source, FromAdmin, configuredCron: null, cancellationToken);

    public async Task<bool> UpdateCronAsync(string sourceId, string cron, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = await scheduler.GetJobDetail(JobKeys.Source(sourceId), cancellationToken);
        if (job is null)
        {
            return false;
        }

        var source = SourceJobData.FromMap(job.JobDataMap);
        source.Cron = cron;
        Check(source);
        job.JobDataMap[SourceJobData.Cron] = cron;
        await scheduler.AddJob(job, AddJobOptions.Replacing, cancellationToken);
        await scheduler.RescheduleJob(JobKeys.SourceTrigger(sourceId), Trigger(source, options.Value, startAt: null), cancellationToken);
        return true;
    }

    public async Task<bool> RemoveAsync(string sourceId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        return await scheduler.DeleteJob(JobKeys.Source(sourceId), cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduledSource>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var list = new List<ScheduledSource>();
        foreach (var job in (await scheduler.QueryJobs(new JobQuery(), cancellationToken)).Items.Where(j => j.Key.Group == JobKeys.SourceGroup))
        {
            var detail = await scheduler.GetJobDetail(job.Key, cancellationToken);
            if (detail is null)
            {
                continue;
            }

            var trigger = await scheduler.GetTrigger(JobKeys.SourceTrigger(job.Key.Name), cancellationToken);
            list.Add(new ScheduledSource(SourceJobData.FromMap(detail.JobDataMap), trigger?.NextFireTimeUtc));
        }

        return list.OrderBy(s => s.Source.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Brings the configured sources into the store. A source whose configured cron is what it was last time keeps
    /// an admin's change; a changed configuration wins; configured sources no longer configured are removed, while
    /// sources an admin added stay.
    /// </summary>
    public async Task ApplyConfigurationAsync(IReadOnlyList<SourceDefinition> configured, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var source in configured)
        {
            var existing = await scheduler.GetJobDetail(JobKeys.Source(source.Id), cancellationToken);
            if (existing is not null && SourceJobData.Get(existing.JobDataMap, SourceJobData.ConfiguredCron) == source.Cron
                && SameApartFromCron(SourceJobData.FromMap(existing.JobDataMap), source))
            {
                continue;
            }

            await ScheduleAsync(source, FromConfiguration, source.Cron, cancellationToken);
        }

        var ids = configured.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var job in (await scheduler.QueryJobs(new JobQuery(), cancellationToken)).Items.Where(j => j.Key.Group == JobKeys.SourceGroup))
        {
            var detail = await scheduler.GetJobDetail(job.Key, cancellationToken);
            if (detail is not null && !ids.Contains(job.Key.Name) && SourceJobData.Get(detail.JobDataMap, SourceJobData.Origin) == FromConfiguration)
            {
                await scheduler.DeleteJob(job.Key, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Keeps the source's trigger from firing before <paramref name="until"/> (WeChat 45009: daily quota spent). The
    /// trigger is stored again with a later start, so the stop survives a restart and holds on every node.
    /// </summary>
    public static async Task PauseUntilAsync(IScheduler scheduler, SourceDefinition source, SchedulerOptions options, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await scheduler.RescheduleJob(JobKeys.SourceTrigger(source.Id), Trigger(source, options, until), cancellationToken);
    }

    internal static Type JobTypeFor(string kind) => kind switch
    {
        SourceKinds.Feed => typeof(FeedSourceJob),
        SourceKinds.Page => typeof(PageSourceJob),
        SourceKinds.WeChatArticles => typeof(WeChatArticlesJob),
        SourceKinds.WeChatComments => typeof(WeChatCommentsJob),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a source kind"),
    };

    internal static ITrigger Trigger(SourceDefinition source, SchedulerOptions options, DateTimeOffset? startAt)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var builder = TriggerBuilder.Create()
            .WithIdentity(JobKeys.SourceTrigger(source.Id))
            .ForJob(JobKeys.Source(source.Id))
            .WithCronSchedule(source.Cron, cron => cron.InTimeZone(zone).WithMisfireInstruction(MisfireFor(source.Kind)));
        return (startAt is { } start ? builder.StartAt(start) : builder.StartNow()).Build();
    }

    /// <summary>
    /// Feeds and pages: after downtime, poll once now and go on (FireAndProceed): one catch-up fetch is cheap, keeps the
    /// edit/deletion audit close to the missed time, and several missed fires still give one fetch.
    /// WeChat: skip missed fires (DoNothing): the next fire reads everything anyway, and a catch-up burst spends the
    /// daily API quota (45009) for nothing.
    /// </summary>
    internal static CronTriggerMisfireInstruction MisfireFor(string kind) => kind is SourceKinds.Feed or SourceKinds.Page
        ? CronTriggerMisfireInstruction.FireAndProceed
        : CronTriggerMisfireInstruction.DoNothing;

    private async Task ScheduleAsync(SourceDefinition source, string origin, string? configuredCron, CancellationToken cancellationToken)
    {
        Check(source);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var map = SourceJobData.ToMap(source);
        map[SourceJobData.Origin] = origin;
        var existing = await scheduler.GetJobDetail(JobKeys.Source(source.Id), cancellationToken);
        if (existing is not null)
        {
            // The poll state (feed validators) and the configured cron outlive an edit.
            foreach (var key in new[] { SourceJobData.ETag, SourceJobData.LastModified, SourceJobData.ConfiguredCron })
            {
                if (SourceJobData.Get(existing.JobDataMap, key) is { } kept && SourceJobData.Get(existing.JobDataMap, SourceJobData.Url) == source.Url?.AbsoluteUri)
                {
                    map[key] = kept;
                }
            }
        }

        if (configuredCron is not null)
        {
            map[SourceJobData.ConfiguredCron] = configuredCron;
        }

        var job = JobBuilder.Create().OfType(JobTypeFor(source.Kind))
            .WithIdentity(JobKeys.Source(source.Id))
            .WithDescription($"{source.Kind} {source.Url?.AbsoluteUri ?? source.AccountOrId}")
            .UsingJobData(map)
            .StoreDurably()
            // A poll cut short by a dead node runs again on another: every poll is idempotent (the store keeps each item once).
            .RequestRecovery()
            .Build();
        await scheduler.ScheduleJob(job, Trigger(source, options.Value, startAt: null), ScheduleJobOptions.Replacing, cancellationToken);
    }

    private static void Check(SourceDefinition source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var failures = SourceDefinitionValidator.Validate(source);
        if (failures.Count > 0)
        {
            throw new ArgumentException($"Source '{source.Id}' is not valid: {string.Join(" ", failures)}", nameof(source));
        }
    }

    private static bool SameApartFromCron(SourceDefinition stored, SourceDefinition configured) =>
        stored.Kind == configured.Kind && stored.Url == configured.Url && (stored.Account ?? string.Empty) == (configured.Account ?? string.Empty)
        && (stored.Charset ?? string.Empty) == (configured.Charset ?? string.Empty) && stored.Articles.SequenceEqual(configured.Articles);
}
