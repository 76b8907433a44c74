using BenchmarkDotNet.Attributes;
using JiebaNet.Segmenter;
using Monitor.Nlp.Segmentation;

namespace Monitor.Bench;

/// <summary>Our <see cref="ITextSegmenter"/> (token cleanup, surrogate re-joining) against raw jieba.NET.</summary>
[MemoryDiagnoser]
public class SegmenterBenchmarks
{
    private const int MaxLines = 2000;

    private string[] lines = [];
    private JiebaSegmenter jieba = null!;
    private ITextSegmenter segmenter = null!;

    [Params("waimai_10k/waimai_10k.csv", "chnsenticorp_htl_all/ChnSentiCorp_htl_all.csv")]
    public string Corpus { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        // Our segmenter first: it points jieba.NET at its Resources folder.
        segmenter = TextSegmenterFactory.CreateJieba();
        jieba = new JiebaSegmenter();
        lines = File.ReadLines(Path.Combine(SharedData.Root, Corpus)).Skip(1).Take(MaxLines).ToArray();
        segmenter.Cut(lines[0]);
        jieba.Cut(lines[0]).ToList();
    }

    [Benchmark(Baseline = true)]
    public int RawJiebaCut()
    {
        var count = 0;
        foreach (var line in lines)
        {
            foreach (var _ in jieba.Cut(line))
            {
                count++;
            }
        }

        return count;
    }

    [Benchmark]
    public int TextSegmenterCut()
    {
        var count = 0;
        foreach (var line in lines)
        {
            count += segmenter.Cut(line).Count;
        }

        return count;
    }
}
