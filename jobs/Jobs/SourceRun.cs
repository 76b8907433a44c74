using Microsoft.Extensions.Options;
using Monitor.Ingest.WeChat.Api;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>What every source job does around its poll: read its definition, record health, map failures.</summary>
internal sealed class SourceRun(SourceStateStore state, TimeProvider time, IOptions<SchedulerOptions> options, WeChatApiUsage usage)
{
    public SourceStateStore State => state;

    public DateTimeOffset Now => time.GetUtcNow();

    public static SourceDefinition Definition(IJobExecutionContext context) => SourceJobData.FromMap(context.JobDetail.JobDataMap);

    public Task SucceededAsync(SourceDefinition source, int items, CancellationToken cancellationToken) =>
        state.RecordSuccessAsync(source.Id, source.Kind, items, Now, ApiStatus(source), cancellationToken);

    /// <summary>A WeChat source's health carries the client's token state and quota use as they were after its run.</summary>
    private WeChatApiStatus? ApiStatus(SourceDefinition source) =>
        source.Kind is SourceKinds.WeChatArticles or SourceKinds.WeChatComments ? usage.Snapshot() : null;

    /// <summary>Records the failure and throws, so Quartz retries the fire under the job's retry policy.</summary>
    public async Task<JobExecutionException> FailedAsync(
        IJobExecutionContext context, SourceDefinition source, int code, string error, CancellationToken cancellationToken)
    {
        await state.RecordFailureAsync(source.Id, source.Kind, code, nameof(WeChatErrorAction.Fail),
            $"{error} (attempt {context.RetryAttempt + 1})", Now, null, cancellationToken);
        return new JobExecutionException(error);
    }

    /// <summary>
    /// Applies WECHAT.md §9: 45009 stops the source until 00:05 China time tomorrow; IP whitelist and frozen secret
    /// raise an admin alert; an unauthorised API is recorded and alerted (retrying cannot help). Anything else is
    /// returned as a failure to retry (busy answers were already retried with backoff by the client).
    /// </summary>
    public async Task<JobExecutionException?> WeChatFailedAsync(
        IJobExecutionContext context, SourceDefinition source, WeChatApiException error, CancellationToken cancellationToken)
    {
        var now = Now;
        DateTimeOffset? pausedUntil = null;
        if (error.Action == WeChatErrorAction.StopUntilTomorrow)
        {
            pausedUntil = NextDayAt(now, TimeSpan.FromMinutes(5));
            await SourceSchedule.PauseUntilAsync(context.Scheduler, source, options.Value, pausedUntil.Value, cancellationToken);
        }

        await state.RecordFailureAsync(source.Id, source.Kind, error.ErrorCode, error.Action.ToString(), error.Message, now, pausedUntil, ApiStatus(source), cancellationToken);
        if (error.Action is WeChatErrorAction.StopUntilTomorrow or WeChatErrorAction.AlertAdmin or WeChatErrorAction.DisableFeature)
        {
            var message = pausedUntil is { } until ? $"{error.Message}; source stopped until {until:yyyy-MM-dd HH:mm zzz}" : error.Message;
            await state.AddAlertAsync(new IngestAlert(source.Id, now, error.ErrorCode, error.Action.ToString(), message), cancellationToken);
            return null;
        }

        return new JobExecutionException(error.Message, error);
    }

    /// <summary>The next day's <paramref name="timeOfDay"/> in the scheduler's zone (China time by default).</summary>
    public DateTimeOffset NextDayAt(DateTimeOffset now, TimeSpan timeOfDay)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var next = local.Date.AddDays(1) + timeOfDay;
        return new DateTimeOffset(next, zone.GetUtcOffset(next));
    }
}
