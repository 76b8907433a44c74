using System.Text;
using BenchmarkDotNet.Attributes;
using Monitor.Nlp.Segmentation;

namespace Monitor.Bench;

/// <summary>
/// Our fast segmenter against jieba.NET (baseline) on real lines, one <c>Cut</c> per line, exact mode with HMM.
/// <see cref="Megabytes"/> is the UTF-8 size of the lines: MB/s = Megabytes / Mean.
/// </summary>
[MemoryDiagnoser]
public class SegmenterBenchmarks
{
    private const int MaxLines = 2000;

    private string[] lines = [];
    private ITextSegmenter jieba = null!;
    private FastSegmenter fast = null!;
    private readonly List<TokenSpan> spans = [];

    [Params("gov_messages_teddy2020/hot_issue_messages.csv", "weibo_senti_100k_subset/weibo_senti_100k_subset.csv", "waimai_10k/waimai_10k.csv")]
    public string Corpus { get; set; } = string.Empty;

    public double Megabytes { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        jieba = TextSegmenterFactory.CreateJieba();
        fast = (FastSegmenter)TextSegmenterFactory.CreateFast();
        lines = File.ReadLines(Path.Combine(SharedData.Root, Corpus)).Skip(1).Where(l => l.Length > 0).Take(MaxLines).ToArray();
        Megabytes = lines.Sum(l => Encoding.UTF8.GetByteCount(l)) / 1e6;
        Console.WriteLine($"// {Corpus}: {lines.Length} lines, {Megabytes:F3} MB");
        jieba.Cut(lines[0]);
        fast.Cut(lines[0]);
    }

    [Benchmark(Baseline = true)]
    public int JiebaNet()
    {
        var count = 0;
        foreach (var line in lines)
        {
            count += jieba.Cut(line).Count;
        }

        return count;
    }

    [Benchmark]
    public int Fast()
    {
        var count = 0;
        foreach (var line in lines)
        {
            count += fast.Cut(line).Count;
        }

        return count;
    }

    [Benchmark]
    public int FastSpans()
    {
        var count = 0;
        foreach (var line in lines)
        {
            spans.Clear();
            fast.CutSpans(line, spans);
            count += spans.Count;
        }

        return count;
    }
}
