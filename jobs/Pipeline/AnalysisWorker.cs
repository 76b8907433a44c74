using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Monitor.Jobs.Pipeline;

/// <summary>
/// Runs the analysis pipeline in the background of the host: on every notification and every few seconds (to pick up
/// retries and messages stored by other processes, such as an import).
/// </summary>
public sealed partial class AnalysisWorker(AnalysisPipeline pipeline, AnalysisSignal signal, ILogger<AnalysisWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(3);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pipeline.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A store outage must not end the worker; the messages stay pending and are taken again.
                LogRunFailed(logger, ex);
            }

            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Analysis run failed; pending messages will be taken again")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
