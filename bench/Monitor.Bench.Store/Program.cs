using System.Diagnostics;
using System.Globalization;
using Monitor.Bench.Store;
using Monitor.Bench.Synthetic;
using Monitor.Index;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;

// dotnet run -c Release --project bench/Monitor.Bench.Store -- [--messages 1000000] [--runs 40] [--folder DIR] [--reuse] [--queued 16000]
// dotnet run -c Release --project bench/Monitor.Bench.Store -- save [--messages 100000] [--folder DIR] [--chunks 1024,8192,32768]
if (args.Length > 0 && args[0] == "save")
{
    var saveOptions = Arguments.Parse(args[1..]);
    Directory.CreateDirectory(saveOptions.Folder);
    return await SaveBench.RunAsync(SyntheticMessages.FromSharedData(SharedDataFolder.Find()), saveOptions.Messages, saveOptions.Folder, saveOptions.Chunks);
}

// dotnet run -c Release --project bench/Monitor.Bench.Store -- save-changes [--messages 20000] [--runs 2]: the change log's cost
if (args.Length > 0 && args[0] == "save-changes")
{
    var changeOptions = Arguments.Parse(args[1..]);
    Directory.CreateDirectory(changeOptions.Folder);
    return await SaveBench.ChangeLogAsync(SyntheticMessages.FromSharedData(SharedDataFolder.Find()), changeOptions.Messages, changeOptions.Folder, changeOptions.Runs);
}

// dotnet run -c Release --project bench/Monitor.Bench.Store -- save-profile [--messages 100000] [--folder DIR] [--runs 1]
if (args.Length > 0 && args[0] == "save-profile")
{
    var profileOptions = Arguments.Parse(args[1..]);
    Directory.CreateDirectory(profileOptions.Folder);
    return await SaveProfile.RunAsync(SyntheticMessages.FromSharedData(SharedDataFolder.Find()), profileOptions.Messages, profileOptions.Folder, args.Contains("--runs") ? profileOptions.Runs : 1);
}

var options = Arguments.Parse(args);
var folder = Path.GetFullPath(options.Folder);
var database = Path.Combine(folder, "monitor.db");
var dataRoot = SharedDataFolder.Find();
var total = Stopwatch.StartNew();
var generator = SyntheticMessages.FromSharedData(dataRoot);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vocabulary: {generator.Vocabulary.Count:N0} token occurrences from {dataRoot} ({total.Elapsed.TotalSeconds:F1} s)"));

if (!options.Reuse || !File.Exists(database))
{
    Directory.CreateDirectory(folder);
    foreach (var file in Directory.GetFiles(folder, "monitor.db*"))
    {
        File.Delete(file);
    }

    var load = Stopwatch.StartNew();
    var outcome = await SqliteBulkLoader.LoadAsync(database, generator.Generate(options.Messages, seed: 20250303), CancellationToken.None);
    load.Stop();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"load: {outcome.Created:N0} messages in {load.Elapsed.TotalSeconds:F1} s = {outcome.Created / load.Elapsed.TotalSeconds:N0} messages/s (generation included)"));
}
else
{
    // A file from an older build is upgraded in place by the store's migrations, as a data folder would be.
    var open = Stopwatch.StartNew();
    new SqliteMessageStore(database).Dispose();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"opened (migrations applied) in {open.Elapsed.TotalSeconds:F1} s"));
}

if (options.Queued > 0)
{
    await SaveBench.QueueAsync(generator, database, options.Messages, options.Queued);
}

var size = Directory.GetFiles(folder, "monitor.db*").Sum(f => new FileInfo(f).Length);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"file: {size / 1048576.0:N0} MiB"));

var queries = IndexServiceCollectionExtensions.OpenSqliteQueries(database);
var end = SyntheticMessages.Start + SyntheticMessages.Span;
var words = generator.Vocabulary.Where(KeywordTerms.IsKeyword).ToArray();
var questions = new QuestionSet(queries, end, words);
Console.WriteLine();
Console.WriteLine("| question | p50 ms | p95 ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|");
var worst = 0.0;
foreach (var (name, run) in questions.All())
{
    var random = new Random(name.Length);
    await run(random); // warm-up: first-run page cache and JIT are not what a dashboard user sees twice
    var times = new List<double>();
    for (var i = 0; i < options.Runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await run(random);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    var p95 = Percentile(times, 0.95);
    worst = Math.Max(worst, p95);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(times, 0.5):F1} | {p95:F1} | {times[^1]:F1} |"));
}

await SignalCost.RunAsync(database, options.Runs, 256);

Console.WriteLine();
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"worst p95: {worst:F1} ms; peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB; total {total.Elapsed.TotalSeconds:F0} s"));
return 0;

static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
