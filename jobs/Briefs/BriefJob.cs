using Quartz;

namespace Monitor.Jobs.Briefs;

/// <summary>
/// Writes the daily or weekly brief (job data <c>kind</c>) for the last complete period before the scheduled fire
/// time, so a late or repeated run writes the same file with the same bytes.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class BriefJob(BriefWriter writer) : IJob
{
    public const string DailyName = "brief-daily";
    public const string WeeklyName = "brief-weekly";
    public const string KindKey = "kind";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kind = Enum.Parse<BriefKind>(context.MergedJobDataMap.GetString(KindKey) ?? nameof(BriefKind.Daily), ignoreCase: true);
        var at = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        context.Result = await writer.WriteAsync(BriefPeriod.LastComplete(kind, at), cancellationToken);
    }
}
