using System.Diagnostics;
using System.Globalization;
using Monitor.Bench.Synthetic;
using Monitor.Index;
using Monitor.Index.Sqlite;

namespace Monitor.Bench.Store;

/// <summary>
/// The pipeline's save path alone, in this process: the same generated messages are imported (pending), then their
/// analyses saved in batches of 1,024 as the pipeline does, once per keyword fold size. Fold size 1,024 writes the
/// keyword blocks after every batch (what the save did before the queue), so the others are ratios against it.
/// </summary>
internal static class SaveBench
{
    public static async Task<int> RunAsync(SyntheticMessages generator, int messages, string folder, IReadOnlyList<int> chunks)
    {
        var items = generator.Generate(messages, seed: 20250303, TimeSpan.FromDays(365)).ToList();
        Console.WriteLine("| keyword fold size | save ms/message | of it folding | longest write transaction ms | msgs/s | ratio to 1,024 |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        double? baseline = null;
        foreach (var chunk in chunks)
        {
            var database = Path.Combine(folder, $"save-{chunk}.db");
            foreach (var file in Directory.GetFiles(folder, $"save-{chunk}.db*"))
            {
                File.Delete(file);
            }

            using var store = new SqliteMessageStore(database, chunk);
            foreach (var batch in items.Select(i => i.Message).Chunk(1000))
            {
                await store.IngestBatchAsync(batch, CancellationToken.None);
            }

            var save = TimeSpan.Zero;
            var fold = TimeSpan.Zero;
            var longest = 0.0;
            IReadOnlyList<PendingAnalysis> pending;
            while ((pending = await store.TakePendingAnalysesAsync(1024, DateTimeOffset.UtcNow, CancellationToken.None)).Count > 0)
            {
                var results = pending.Select(p => items[(int)p.MessageId - 1].Analysis! with { MessageId = p.MessageId }).ToList();
                var watch = Stopwatch.StartNew();
                await store.SaveAnalysesAsync(results, CancellationToken.None);
                save += watch.Elapsed;
                longest = Math.Max(longest, watch.Elapsed.TotalMilliseconds);
            }

            var last = Stopwatch.StartNew();
            await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, CancellationToken.None);
            fold += last.Elapsed;
            save += last.Elapsed;
            var perMessage = save.TotalMilliseconds / messages;
            baseline ??= perMessage;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {chunk:N0} | {perMessage:F3} | (final fold {fold.TotalMilliseconds:F0} ms) | {longest:F0} | {messages / save.TotalSeconds:N0} | {baseline / perMessage:F2}× |"));
        }

        return 0;
    }

    /// <summary>
    /// Saves the analyses of the newest <paramref name="queued"/> messages again through the store, as the pipeline
    /// would after a re-analysis: they wait in the keyword queue, which the questions then read (their worst case,
    /// a queue just short of a fold).
    /// </summary>
    public static async Task QueueAsync(SyntheticMessages generator, string database, int messages, int queued)
    {
        using var store = new SqliteMessageStore(database);
        var items = generator.Generate(messages, seed: 20250303).Skip(messages - queued).ToList();
        var firstId = messages - queued + 1;
        var watch = Stopwatch.StartNew();
        foreach (var batch in items.Select((item, i) => item.Analysis! with { MessageId = firstId + i }).Chunk(1024))
        {
            await store.SaveAnalysesAsync(batch, CancellationToken.None);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queued the keywords of the newest {queued:N0} messages again ({watch.Elapsed.TotalSeconds:F1} s)"));
    }

    /// <summary>
    /// What the Elasticsearch change log (schema 8) costs the save, as ratios in this process: the same messages saved
    /// with its triggers dropped (schema 7's save) and kept, alternating, <paramref name="rounds"/> times each. Each run
    /// has a copy claimed before the first message (an Elasticsearch deployment: the first save logs nothing), then
    /// every message is claimed and saved again (a re-analysis of copied messages: one change row each).
    /// </summary>
    public static async Task<int> ChangeLogAsync(SyntheticMessages generator, int messages, string folder, int rounds)
    {
        var items = generator.Generate(messages, seed: 20250303, TimeSpan.FromDays(365)).ToList();
        Console.WriteLine("| change log | round | first save ms/message | re-save of copied ms/message | change rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var totals = new Dictionary<bool, (double First, double Again)> { [false] = (0, 0), [true] = (0, 0) };
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var logged in new[] { false, true })
            {
                // A file of its own per run: pooled connections would keep a deleted file of the same name open.
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in Directory.GetFiles(folder, "save-changes-*.db*"))
                {
                    File.Delete(file);
                }

                var database = Path.Combine(folder, $"save-changes-{round}-{(logged ? "on" : "off")}.db");

                using var store = new SqliteMessageStore(database);
                foreach (var batch in items.Select(i => i.Message).Chunk(1000))
                {
                    await store.IngestBatchAsync(batch, CancellationToken.None);
                }

                await ExecuteAsync(database, (logged ? string.Empty : "DROP TRIGGER analyses_copy_changed; DROP TRIGGER messages_copy_changed; ")
                    + "INSERT INTO reindex_checkpoints (target, last_id, updated_at, claimed_id, change_seq) VALUES ('bench', 0, 0, 0, 0);");
                var first = await SaveAllAsync(store, items);
                await ExecuteAsync(database, $"UPDATE reindex_checkpoints SET last_id = {messages}, claimed_id = {messages};");
                var again = await SaveAllAsync(store, items);
                var rows = await ExecuteAsync(database, "SELECT count(*) FROM message_changes;");
                totals[logged] = (totals[logged].First + first, totals[logged].Again + again);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {(logged ? "on" : "off")} | {round} | {first / messages:F3} | {again / messages:F3} | {rows:N0} |"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"on / off, all rounds: first save {totals[true].First / totals[false].First:F3}, re-save of copied {totals[true].Again / totals[false].Again:F3}"));
        return 0;
    }

    private static async Task<double> SaveAllAsync(SqliteMessageStore store, List<BulkItem> items)
    {
        var watch = Stopwatch.StartNew();
        foreach (var batch in items.Select((item, i) => item.Analysis! with { MessageId = i + 1 }).Chunk(1024))
        {
            await store.SaveAnalysesAsync(batch, CancellationToken.None);
        }

        await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static async Task<long> ExecuteAsync(string database, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync() is long n ? n : 0;
    }
}
