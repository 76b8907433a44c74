using System.Collections.Concurrent;
using Quartz;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// A job that records each fire (run key from its data, scheduled time, node) and how many of its kind ran at once;
/// <c>sleepMs</c> in its data makes it take that long. Built by Quartz's own container, hence the static record.
/// </summary>
[DisallowConcurrentExecution]
public sealed class RecordingJob : IJob
{
    public const string RunKey = "run";
    public const string SleepKey = "sleepMs";

    private static readonly ConcurrentDictionary<string, ConcurrentQueue<Fire>> Fires = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int[]> Running = new(StringComparer.Ordinal);

    public static IReadOnlyList<Fire> FiresOf(string run) => Fires.TryGetValue(run, out var q) ? q.ToArray() : [];

    public static int MaxConcurrentOf(string run) => Running.TryGetValue(run, out var r) ? Volatile.Read(ref r[1]) : 0;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var run = context.MergedJobDataMap.GetString(RunKey)!;
        var counters = Running.GetOrAdd(run, _ => new int[2]);
        var now = Interlocked.Increment(ref counters[0]);
        int max;
        while ((max = Volatile.Read(ref counters[1])) < now && Interlocked.CompareExchange(ref counters[1], now, max) != max)
        {
        }

        try
        {
            if (context.MergedJobDataMap.TryGetValue(SleepKey, out var sleep) && sleep is not null)
            {
                await Task.Delay(Convert.ToInt32(sleep, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            }

            Fires.GetOrAdd(run, _ => new()).Enqueue(new Fire(context.ScheduledFireTimeUtc ?? context.FireTimeUtc, context.Scheduler.SchedulerInstanceId));
        }
        finally
        {
            Interlocked.Decrement(ref counters[0]);
        }
    }

    public sealed record Fire(DateTimeOffset ScheduledAt, string Node);
}
