using Monitor.Jobs.Pipeline;
using Quartz;

namespace Monitor.Jobs.Jobs;

/// <summary>
/// Analyses anything stored but not analysed (messages stored by another process, retries that came due). The
/// in-process <see cref="AnalysisWorker"/> still handles fresh messages within a second; this duty makes sure a worker
/// node picks up what a web-only node stored. Misfires are skipped: the next minute's run drains everything anyway.
/// </summary>
[DisallowConcurrentExecution]
[RetryPolicy(0)]
internal sealed class AnalysisCatchUpJob(AnalysisPipeline pipeline) : IJob
{
    public const string Name = "analysis-catch-up";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = await pipeline.DrainAsync(cancellationToken);
    }
}
