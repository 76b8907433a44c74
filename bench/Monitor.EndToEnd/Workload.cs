using System.Diagnostics;
using System.Globalization;
using Monitor.Bench.Synthetic;
using Monitor.Nlp.Segmentation;

namespace Monitor.EndToEnd;

/// <summary>
/// The messages of a run, from the generator the store benchmark uses (same vocabulary, label mix and seed): a
/// simulated year for five accounts. Citizen messages go partly through the callback (live traffic), everything else —
/// the rest of the backlog, comments, hotline records, posts — through import files. One in 25,000 is poisoned
/// (a character XML cannot hold / a time that is not a date) and must come back as a listed rejection.
/// </summary>
internal sealed class Workload
{
    public const int Seed = 20261126;
    private static readonly TimeSpan Year = TimeSpan.FromDays(365);

    public required List<Outgoing> Callback { get; init; }

    public required List<string> ImportFiles { get; init; }

    public required int ImportRows { get; init; }

    public required int ImportPoisoned { get; init; }

    public int CallbackPoisoned => Callback.Count(c => c.Poisoned);

    public required List<string> SampleTexts { get; init; }

    public static async Task<Workload> CreateAsync(int messages, double callbackShare, string folder, CancellationToken cancellationToken)
    {
        var generator = SyntheticMessages.FromSharedData(SharedDataFolder.Find());
        var callback = new List<Outgoing>();
        var sample = new List<string>();
        var threshold = (int)(callbackShare * 1000);
        IEnumerable<Outgoing> Split()
        {
            var number = 0L;
            foreach (var message in generator.GenerateMessages(messages, Seed, Year))
            {
                var outgoing = new Outgoing(number, message, number % 25_000 == 12_345);
                if (sample.Count < 20_000)
                {
                    sample.Add(message.Text);
                }

                if (message.SourceKind == "wechat" && number % 1000 < threshold)
                {
                    callback.Add(outgoing);
                }
                else
                {
                    yield return outgoing;
                }

                number++;
            }
        }

        Directory.CreateDirectory(folder);
        var (files, rows, bad) = await global::Monitor.EndToEnd.ImportFiles.WriteAsync(folder, Split(), 50_000, cancellationToken);
        return new Workload { Callback = callback, ImportFiles = files, ImportRows = rows, ImportPoisoned = bad, SampleTexts = sample };
    }

    /// <summary>Live traffic for one account: generated messages sent now, numbered from <paramref name="first"/>.</summary>
    public static List<Outgoing> Live(SyntheticMessages generator, string account, long first, int count, int seed) =>
        generator.GenerateMessages(count, seed, TimeSpan.FromDays(1))
            .Select((m, i) => new Outgoing(first + i, m with { Account = account, SourceKind = "wechat", Time = DateTimeOffset.UtcNow }, false))
            .ToList();

    /// <summary>
    /// The baseline measured in the same run: our segmenter alone, one thread, in this process, over the run's own
    /// texts — the cheapest stage every message needs. A loaded machine slows it as much as it slows the system.
    /// </summary>
    public double SegmentOnlyRate()
    {
        var segmenter = TextSegmenterFactory.CreateFast();
        segmenter.Cut(SampleTexts[0]);
        var clock = Stopwatch.StartNew();
        var tokens = 0L;
        foreach (var text in SampleTexts)
        {
            tokens += segmenter.Cut(text).Count;
        }

        return SampleTexts.Count / clock.Elapsed.TotalSeconds;
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static double LoadAverage1()
        => double.TryParse(LoadAverage().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : double.NaN;
}
