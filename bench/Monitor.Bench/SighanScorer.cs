using System.Text;
using Monitor.Nlp.Segmentation;

namespace Monitor.Bench;

/// <summary>
/// SIGHAN 2005 bakeoff scoring of our segmenter: <c>Monitor.Bench sighan [DATA_DIR]</c>. Word precision, recall and F1
/// over character-offset spans, plus recall of out-of-vocabulary words (not in the training word list) and of
/// in-vocabulary words, as the official <c>score</c> script. Scored on the concatenated character stream with
/// whitespace removed (MSR's gold moves 8 opening quotes to the previous line). PKU and MSR, jieba's dictionary alone
/// and with our county dictionary, HMM on (the published Python jieba figures are F1 0.818 PKU, 0.813 MSR).
/// </summary>
public static class SighanScorer
{
    public static int Run(string[] args)
    {
        var data = args.Length > 0 ? args[0] : Path.Combine(SharedData.Root, "segmentation");
        var plain = TextSegmenterFactory.CreateFast();
        var county = TextSegmenterFactory.CreateFast([TextSegmenterFactory.CountyDictionaryPath]);
        Console.WriteLine("| corpus | dictionary | HMM | P | R | F1 | OOV rate | OOV recall | IV recall |");
        Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var corpus in new[] { "pku", "msr" })
        {
            foreach (var (name, segmenter) in new[] { ("jieba", plain), ("jieba + county", county) })
            {
                foreach (var hmm in new[] { true, false })
                {
                    var s = Score(data, corpus, segmenter, hmm);
                    Console.WriteLine($"| {corpus.ToUpperInvariant()} | {name} | {(hmm ? "on" : "off")} | {s.Precision:F3} | {s.Recall:F3} | {s.F1:F3} | {s.OovRate:F3} | {s.OovRecall:F3} | {s.IvRecall:F3} |");
                }
            }
        }

        return 0;
    }

    public static Scores Score(string data, string corpus, ITextSegmenter segmenter, bool hmm)
    {
        var vocabulary = File.ReadLines(Path.Combine(data, $"{corpus}_training_words.utf8")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var goldWords = File.ReadLines(Path.Combine(data, $"{corpus}_test_gold.utf8"))
            .SelectMany(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var ourWords = File.ReadLines(Path.Combine(data, $"{corpus}_test.utf8"))
            .SelectMany(l => segmenter.Cut(l, SegmentMode.Exact, hmm))
            .SelectMany(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var (goldText, goldSpans) = Spans(goldWords);
        var (ourText, ourSpans) = Spans(ourWords);
        if (goldText != ourText)
        {
            throw new InvalidDataException($"{corpus}: the segmented text differs from the gold text ({ourText.Length} vs {goldText.Length} characters).");
        }

        var ours = ourSpans.ToHashSet();
        var correct = 0;
        var oov = 0;
        var oovCorrect = 0;
        var ivCorrect = 0;
        for (var i = 0; i < goldSpans.Count; i++)
        {
            var hit = ours.Contains(goldSpans[i]);
            correct += hit ? 1 : 0;
            if (vocabulary.Contains(goldWords[i]))
            {
                ivCorrect += hit ? 1 : 0;
            }
            else
            {
                oov++;
                oovCorrect += hit ? 1 : 0;
            }
        }

        var precision = (double)correct / ourSpans.Count;
        var recall = (double)correct / goldSpans.Count;
        return new Scores(
            precision, recall, 2 * precision * recall / (precision + recall), (double)oov / goldSpans.Count,
            (double)oovCorrect / oov, (double)ivCorrect / (goldSpans.Count - oov));
    }

    private static (string Text, List<(int Start, int End)> Spans) Spans(List<string> words)
    {
        var text = new StringBuilder();
        var spans = new List<(int, int)>(words.Count);
        foreach (var word in words)
        {
            spans.Add((text.Length, text.Length + word.Length));
            text.Append(word);
        }

        return (text.ToString(), spans);
    }

    public sealed record Scores(double Precision, double Recall, double F1, double OovRate, double OovRecall, double IvRecall);
}
