using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Monitor.Nlp.Tests.Support;

/// <summary>
/// Python jieba 0.42.1 (Debian package python3-jieba, run by /usr/bin/python3) as the reference: one process for a whole
/// batch of lines. Installs the package when missing and this user is root; otherwise fails with what to do.
/// </summary>
internal static class PythonJieba
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys, logging
        import jieba
        jieba.setLogLevel(logging.WARNING)
        mode, hmm = sys.argv[1], sys.argv[1].endswith("hmm")
        cut = {"full": lambda t: jieba.lcut(t, cut_all=True), "search": jieba.lcut_for_search}.get(mode, lambda t: jieba.lcut(t, HMM=hmm))
        with open(sys.argv[2], encoding="utf-8") as src, open(sys.argv[3], "w", encoding="utf-8") as dst:
            for line in src:
                text = json.loads(line)
                dst.write(json.dumps([t for t in cut(text) if t.strip()], ensure_ascii=False) + "\n")
        """;

    private const string ExtractTagsScript = """
        import json, sys, logging
        import jieba, jieba.analyse
        jieba.setLogLevel(logging.WARNING)
        jieba.analyse.set_stop_words(sys.argv[1])
        with open(sys.argv[2], encoding="utf-8") as src, open(sys.argv[3], "w", encoding="utf-8") as dst:
            for line in src:
                text = json.loads(line)
                dst.write(json.dumps(jieba.analyse.extract_tags(text, topK=10, withWeight=True), ensure_ascii=False) + "\n")
        """;

    /// <summary>Python jieba's exact-mode tokens of every text, whitespace tokens dropped.</summary>
    public static Task<List<string[]>> CutAsync(IReadOnlyList<string> texts, bool hmm, CancellationToken cancellationToken) =>
        RunBatchAsync(Script, hmm ? "exact-hmm" : "exact", texts, l => JsonSerializer.Deserialize<string[]>(l)!, cancellationToken);

    /// <summary>Python jieba's <c>lcut_for_search</c> (HMM on) or <c>lcut(cut_all=True)</c> tokens, whitespace tokens dropped.</summary>
    public static Task<List<string[]>> CutAsync(IReadOnlyList<string> texts, Monitor.Nlp.Segmentation.SegmentMode mode, CancellationToken cancellationToken) =>
        RunBatchAsync(Script, mode == Monitor.Nlp.Segmentation.SegmentMode.Full ? "full" : "search", texts, l => JsonSerializer.Deserialize<string[]>(l)!, cancellationToken);

    /// <summary>Python jieba's <c>extract_tags(text, topK=10, withWeight=True)</c> with the given stop-word file.</summary>
    public static Task<List<(string Word, double Weight)[]>> ExtractTagsAsync(IReadOnlyList<string> texts, string stopWordsPath, CancellationToken cancellationToken) =>
        RunBatchAsync(ExtractTagsScript, stopWordsPath, texts, l =>
            JsonSerializer.Deserialize<JsonElement[][]>(l)!.Select(p => (p[0].GetString()!, p[1].GetDouble())).ToArray(), cancellationToken);

    private static async Task<List<T>> RunBatchAsync<T>(
        string scriptText, string argument, IReadOnlyList<string> texts, Func<string, T> parse, CancellationToken cancellationToken)
    {
        await EnsureInstalledAsync(cancellationToken);
        var folder = Directory.CreateTempSubdirectory("python-jieba-");
        try
        {
            var input = Path.Combine(folder.FullName, "in.jsonl");
            var output = Path.Combine(folder.FullName, "out.jsonl");
            var script = Path.Combine(folder.FullName, "cut.py");
            await File.WriteAllLinesAsync(input, texts.Select(t => JsonSerializer.Serialize(t)), cancellationToken);
            await File.WriteAllTextAsync(script, scriptText, cancellationToken);
            var (code, error) = await RunAsync(Python, [script, argument, input, output], cancellationToken);
            Assert.True(code == 0, $"{Python} {script} failed ({code}): {error}");
            return [.. File.ReadLines(output).Select(parse)];
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(Python) && (await RunAsync(Python, ["-c", "import jieba"], cancellationToken)).Code == 0)
        {
            return;
        }

        Assert.True(
            Environment.UserName == "root" && File.Exists("/usr/bin/apt-get"),
            "The Python comparison needs the Debian package python3-jieba for /usr/bin/python3 " +
            "(`apt-get install -y python3-jieba` as root; test.sh installs it).");
        var install = await RunAsync("/usr/bin/apt-get", ["install", "-y", "-qq", "python3-jieba"], cancellationToken);
        if (install.Code != 0)
        {
            await RunAsync("/usr/bin/apt-get", ["update", "-qq"], cancellationToken);
            install = await RunAsync("/usr/bin/apt-get", ["install", "-y", "-qq", "python3-jieba"], cancellationToken);
        }

        Assert.True(install.Code == 0, $"apt-get install python3-jieba failed: {install.Error}");
    }

    private static async Task<(int Code, string Error)> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await error);
    }
}
