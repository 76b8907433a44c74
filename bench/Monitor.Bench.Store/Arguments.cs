using System.Globalization;

namespace Monitor.Bench.Store;

internal sealed record Arguments(int Messages, int Runs, string Folder, bool Reuse)
{
    public IReadOnlyList<int> Chunks { get; init; } = [1024, 8192, 32_768];

    /// <summary>How many of the newest messages to leave in the keyword queue before asking (0: none).</summary>
    public int Queued { get; init; }

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments(1_000_000, 40, Path.Combine(Path.GetTempPath(), "monitor-bench-store"), false);
        for (var i = 0; i < args.Length; i++)
        {
            parsed = args[i] switch
            {
                "--messages" => parsed with { Messages = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--runs" => parsed with { Runs = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--folder" => parsed with { Folder = args[++i] },
                "--reuse" => parsed with { Reuse = true },
                "--queued" => parsed with { Queued = int.Parse(args[++i], CultureInfo.InvariantCulture) },
                "--chunks" => parsed with { Chunks = [.. args[++i].Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                _ => throw new ArgumentException($"Unknown argument '{args[i]}'. Use --messages N --runs N --folder DIR --reuse."),
            };
        }

        return parsed;
    }
}
