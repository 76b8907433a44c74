using System.Globalization;
using Monitor.Ingest.Feeds;
using Monitor.Jobs.Intake;
using Monitor.Jobs.Sources;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>
/// Polls one RSS/Atom feed with a conditional GET; the ETag and Last-Modified it was given are kept in the job's
/// persisted data, so a restart (or another cluster node) still sends them. Items go through the intake, which
/// stores each once.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
internal sealed class FeedSourceJob(FeedPoller poller, MessageIntake intake, SourceRun run) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var source = SourceRun.Definition(context);
        var data = context.JobDetail.JobDataMap;
        var previous = new FeedValidators(
            SourceJobData.Get(data, SourceJobData.ETag),
            SourceJobData.Get(data, SourceJobData.LastModified) is { } since
                ? DateTimeOffset.Parse(since, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                : null);
        var result = await poller.PollAsync(source.Url!, previous, source.AccountOrId, cancellationToken);
        if (result.Status == FeedPollStatus.Failed)
        {
            throw await run.FailedAsync(context, source, result.StatusCode, result.Problems[0], cancellationToken);
        }

        var created = 0;
        if (result.Status == FeedPollStatus.Updated && result.Items.Count > 0)
        {
            created = (await intake.AcceptBatchAsync(result.Items, cancellationToken)).Created;
        }

        data[SourceJobData.ETag] = result.Validators.ETag ?? string.Empty;
        data[SourceJobData.LastModified] = result.Validators.LastModified?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;
        await run.SucceededAsync(source, created, cancellationToken);
    }
}
