using System.Diagnostics;
using System.Text;
using Monitor.Nlp.Segmentation;

namespace Monitor.Bench;

/// <summary>
/// Whole-file throughput, outside BenchmarkDotNet so it can run side by side with jieba-rs in bench/segment-harness.sh:
/// <c>Monitor.Bench throughput FILE [fast|jiebanet|fast-spans] [passes] [threads]</c>. Prints cold start, MB/s of UTF-8
/// input per pass (one Cut per line) and the median, allocations per MB and memory after load.
/// </summary>
public static class SegmentThroughput
{
    public static int Run(string[] args)
    {
        var file = args[0];
        var engine = args.Length > 1 ? args[1] : "fast";
        var passes = args.Length > 2 ? int.Parse(args[2]) : 5;
        var threads = args.Length > 3 ? int.Parse(args[3]) : 1;
        var lines = File.ReadAllLines(file);
        var megabytes = lines.Sum(l => Encoding.UTF8.GetByteCount(l) + 1) / 1e6;

        var cold = Stopwatch.StartNew();
        ITextSegmenter segmenter = engine == "jiebanet" ? TextSegmenterFactory.CreateJieba() : TextSegmenterFactory.CreateFast();
        segmenter.Cut("小明硕士毕业于中国科学院计算所");
        cold.Stop();
        GC.Collect();
        var heapAfterLoad = GC.GetTotalMemory(true) / 1048576.0;
        var workingSet = Environment.WorkingSet / 1048576.0;
        Console.WriteLine($"{engine}: {lines.Length} lines, {megabytes:F2} MB, cold start {cold.Elapsed.TotalSeconds:F3} s, heap after load {heapAfterLoad:F0} MiB, working set {workingSet:F0} MiB");

        var fast = segmenter as FastSegmenter;
        var rates = new List<double>();
        for (var pass = 0; pass < passes; pass++)
        {
            var allocated = GC.GetTotalAllocatedBytes(true);
            var watch = Stopwatch.StartNew();
            long tokens = 0;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                long local = 0;
                var spans = new List<TokenSpan>();
                for (var i = 0; i < lines.Length; i++)
                {
                    if (engine == "fast-spans")
                    {
                        spans.Clear();
                        fast!.CutSpans(lines[i], spans);
                        local += spans.Count;
                    }
                    else
                    {
                        local += segmenter.Cut(lines[i]).Count;
                    }
                }

                Interlocked.Add(ref tokens, local);
            });
            watch.Stop();
            var perMb = (GC.GetTotalAllocatedBytes(true) - allocated) / 1048576.0 / (megabytes * threads);
            var rate = megabytes * threads / watch.Elapsed.TotalSeconds;
            rates.Add(rate);
            Console.WriteLine($"  pass {pass + 1}: {watch.Elapsed.TotalSeconds:F3} s, {rate:F2} MB/s on {threads} thread(s), {tokens} tokens, {perMb:F2} MiB allocated per MB");
        }

        rates.Sort();
        Console.WriteLine($"{engine} median: {rates[rates.Count / 2]:F2} MB/s ({threads} thread(s), {passes} passes)");
        return 0;
    }
}
