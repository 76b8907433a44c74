using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Bench.Synthetic;
using Monitor.Index;
using Monitor.Index.Sqlite;

namespace Monitor.Bench.Store;

/// <summary>
/// Where a pipeline save's time goes: the same imported store is copied once per variant, the variant takes one part
/// of the save away (a trigger, the secondary indexes of <c>analyses</c>), and the same analyses are saved in batches
/// of 1,024 with no keyword fold during the saves (the fold of all 100,000 is timed once at the end, not the
/// pipeline's chunks of 16,384). The difference to the full save is what that part costs. Each round starts with the
/// full save as the build before had it (SQLite's default page cache and checkpoint interval); <c>--runs N</c> repeats
/// the rounds, so drift from the shared machine shows.
/// </summary>
internal static class SaveProfile
{
    private const string DropFullText = "DROP TRIGGER analyses_fts_update;";

    private const string DropIndexes = """
        DROP INDEX analyses_time; DROP INDEX analyses_account_time; DROP INDEX analyses_queue; DROP INDEX analyses_author;
        DROP INDEX analyses_cluster; DROP INDEX analyses_cases; DROP INDEX analyses_backlog; DROP INDEX analyses_overdue;
        """;

    public static async Task<int> RunAsync(SyntheticMessages generator, int messages, string folder, int rounds)
    {
        var items = generator.Generate(messages, seed: 20250303, TimeSpan.FromDays(365)).ToList();
        var template = Path.Combine(folder, "profile-template.db");
        foreach (var file in Directory.GetFiles(folder, "profile-*"))
        {
            File.Delete(file);
        }

        using (var store = new SqliteMessageStore(template, int.MaxValue))
        {
            foreach (var batch in items.Select(i => i.Message).Chunk(1000))
            {
                await store.IngestBatchAsync(batch, CancellationToken.None);
            }
        }

        SqliteConnection.ClearAllPools();
        Checkpoint(template);

        // (what to take away, the page cache of every connection 32 MiB, a checkpoint every 10,000 WAL pages instead of 1,000)
        (string Name, string Sql, bool LargeCache, bool LongCheckpoint)[] variants =
        [
            ("full save, SQLite's defaults (2 MiB page cache, checkpoint every 1,000 pages)", "", false, false),
            ("full save, page cache 32 MiB", "", true, false),
            ("full save, checkpoint every 10,000 pages (tried, not kept)", "", false, true),
            ("without the FTS5 trigger", DropFullText, false, false),
            ("without the 8 secondary indexes of analyses", DropIndexes, false, false),
            ("without the FTS5 trigger and the indexes", DropFullText + DropIndexes, false, false),
            ("FTS5 automerge 0 (no merging: not a candidate, shows the merges' share)", Config("automerge", 0), false, false),
            ("FTS5 automerge 8", Config("automerge", 8), false, false),
        ];
        Console.WriteLine("| variant | save ms/message (no fold) | final fold ms/message | msgs/s | vs full save |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        double? baseline = null;
        // Rounds, each starting with the full save: the first round's first run also pays for JIT and a cold cache.
        for (var v = 0; v < rounds * variants.Length; v++)
        {
            var database = Path.Combine(folder, $"profile-{v}.db");
            File.Copy(template, database, overwrite: true);
            if (variants[v % variants.Length].Sql.Length > 0)
            {
                using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = variants[v % variants.Length].Sql;
                command.ExecuteNonQuery();
            }

            var variant = variants[v % variants.Length];
            SqliteConnections.ExtraPragmas = (variant.LongCheckpoint ? "PRAGMA wal_autocheckpoint = 10000;" : string.Empty)
                + (variant.LargeCache ? "PRAGMA cache_size = -32768;" : "");
            var save = TimeSpan.Zero;
            TimeSpan fold;
            using (var store = new SqliteMessageStore(database, int.MaxValue))
            {
                IReadOnlyList<PendingAnalysis> pending;
                while ((pending = await store.TakePendingAnalysesAsync(1024, DateTimeOffset.UtcNow, CancellationToken.None)).Count > 0)
                {
                    var results = pending.Select(p => items[(int)p.MessageId - 1].Analysis! with { MessageId = p.MessageId }).ToList();
                    var watch = Stopwatch.StartNew();
                    await store.SaveAnalysesAsync(results, CancellationToken.None);
                    save += watch.Elapsed;
                }

                var last = Stopwatch.StartNew();
                await store.FoldKeywordsAsync(DateTimeOffset.MaxValue, CancellationToken.None);
                fold = last.Elapsed;
            }

            SqliteConnection.ClearAllPools();
            var perMessage = save.TotalMilliseconds / messages;
            if (v % variants.Length == 0)
            {
                baseline = perMessage;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {variants[v % variants.Length].Name} | {perMessage:F3} | {fold.TotalMilliseconds / messages:F3} | {messages / save.TotalSeconds:N0} | {perMessage / baseline:F2} |"));
            foreach (var file in Directory.GetFiles(folder, $"profile-{v}.db*"))
            {
                File.Delete(file);
            }
        }

        return 0;
    }

    private static string Config(string option, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"INSERT INTO messages_fts(messages_fts, rank) VALUES ('{option}', {value});");

    private static void Checkpoint(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        command.ExecuteNonQuery();
    }
}
