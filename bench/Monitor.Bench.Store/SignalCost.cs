using System.Diagnostics;
using System.Globalization;
using Monitor.Index;
using Monitor.Index.Sqlite;
using Monitor.Nlp.Sentiment;

namespace Monitor.Bench.Store;

/// <summary>
/// What urgency's store signals add to a pipeline batch (issue 5 item 6): for a batch of consecutive recent messages,
/// the two reads before understanding (repeat contacts over 30 days, cluster activity over a day) and the read of
/// growing clusters' open members, each against the baseline of saving the same batch's analyses again in the same
/// process (the pipeline's save, with its aggregate upserts). The member update itself is not timed: it writes only
/// when a cluster grew, at most 256 rows.
/// </summary>
internal static class SignalCost
{
    public static async Task RunAsync(string database, int runs, int batchSize)
    {
        using var store = new SqliteMessageStore(database);
        var newest = (await store.LatestAsync(1, null, CancellationToken.None))[0].Id;
        var random = new Random(batchSize);
        var save = new List<double>();
        var gather = new List<double>();
        var members = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            // A batch of recent traffic: consecutive ids among the newest fifth of the store.
            var first = newest - (newest / 5) + random.NextInt64(newest / 5 - batchSize);
            var batch = new List<StoredMessage>(batchSize);
            for (var id = first; id < first + batchSize; id++)
            {
                if (await store.GetAsync(id, CancellationToken.None) is { Analysis: not null } stored)
                {
                    batch.Add(stored);
                }
            }

            var ids = batch.ConvertAll(m => m.Id);
            var clusters = batch.Where(m => m.Analysis!.NearDuplicate is not null)
                .GroupBy(m => m.Analysis!.NearDuplicate!.ClusterId)
                .ToDictionary(g => g.Key, g => g.Max(m => m.Message.Time));

            var watch = Stopwatch.StartNew();
            await store.SaveAnalysesAsync(batch.ConvertAll(Result), CancellationToken.None);
            var saveMs = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            await store.ContactHistoryAsync(ids, TimeSpan.FromDays(30), 10, CancellationToken.None);
            await store.ClusterActivityAsync(clusters, ids, TimeSpan.FromDays(1), CancellationToken.None);
            var gatherMs = watch.Elapsed.TotalMilliseconds;

            watch.Restart();
            await store.OpenClusterMembersAsync([.. clusters.Keys], ids, Math.Max(1, 256 / Math.Max(1, clusters.Count)), CancellationToken.None);
            var membersMs = watch.Elapsed.TotalMilliseconds;
            if (run > 0)
            {
                // Run 0 warms the page cache and the JIT.
                save.Add(saveMs);
                gather.Add(gatherMs);
                members.Add(membersMs);
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"urgency signals per batch of {batchSize} recent messages ({runs} runs):"));
        Console.WriteLine("| step | p50 ms | p95 ms | p50 / save p50 |");
        Console.WriteLine("|---|---:|---:|---:|");
        var baseline = Median(save);
        foreach (var (name, times) in new[] { ("save the batch's analyses (baseline)", save), ("repeat contacts + cluster activity", gather), ("open members of the batch's clusters", members) })
        {
            times.Sort();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture, $"| {name} | {Median(times):F1} | {times[Math.Min(times.Count - 1, (int)Math.Ceiling(0.95 * times.Count) - 1)]:F1} | {Median(times) / baseline:F3} |"));
        }
    }

    private static double Median(List<double> times) => times.Order().ElementAt(times.Count / 2);

    private static AnalysisResult Result(StoredMessage message)
    {
        var a = message.Analysis!;
        return new AnalysisResult
        {
            MessageId = message.Id,
            Tokens = a.Tokens,
            Sentiment = new SentimentPrediction(a.SentimentLabel, a.SentimentScore, a.SentimentLabel == "positive" ? a.SentimentScore : 1 - a.SentimentScore),
            ModelVersion = a.ModelVersion,
            DictionaryVersion = a.DictionaryVersion,
            AnalysedAt = a.AnalysedAt,
            Topic = a.Topic,
            Emotion = a.Emotion,
            Urgency = a.Urgency,
            ServiceFunction = a.ServiceFunction,
            NearDuplicate = a.NearDuplicate,
        };
    }
}
