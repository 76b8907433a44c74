using System.Diagnostics;

namespace Monitor.EndToEnd;

/// <summary>Every interval: the store's progress, serve's memory and the machine's load, for the report and the soak verdict.</summary>
internal sealed class Sampler : IAsyncDisposable
{
    private readonly List<Sample> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Stopwatch _clock;

    public Sampler(Func<ServeProcess?> serve, StoreProbe probe, Stopwatch clock, TimeSpan interval)
    {
        _clock = clock;
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var progress = probe.Exists ? await probe.ProgressAsync(_stop.Token) : new Progress(0, 0, 0);
                    var memory = serve() is { HasExited: false } s ? s.Memory() : (0, 0);
                    lock (_samples)
                    {
                        _samples.Add(new Sample(_clock.Elapsed, progress, memory.Rss, Workload.LoadAverage1()));
                    }
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
                {
                    // The store is being written hard or the process was just killed; the next sample will do.
                }

                try
                {
                    await Task.Delay(interval, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public IReadOnlyList<Sample> Samples
    {
        get
        {
            lock (_samples)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The first time the analysed count reached <paramref name="count"/>.</summary>
    public TimeSpan? WhenAnalysed(long count) => Samples.FirstOrDefault(s => s.Progress.Analysed >= count)?.At;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}

internal sealed record Sample(TimeSpan At, Progress Progress, double RssMiB, double Load);
