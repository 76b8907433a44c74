using Microsoft.ML;
using Microsoft.ML.Data;
using Monitor.Nlp.FastScoring;

namespace Monitor.Bench;

/// <summary>Debug aid: ML.NET's hashed word and character bags next to <see cref="HashedNgramFeatures"/> for one text.</summary>
public static class FeatureCompare
{
    private sealed class Row
    {
        public string Words { get; set; } = "";

        public string Text { get; set; } = "";
    }

    public static int Run(string[] args)
    {
        foreach (var t in typeof(Microsoft.ML.Transforms.HashingTransformer).GetNestedTypes(System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
        {
            Console.WriteLine("nested " + t.Name + " : " + string.Join(", ", t.GetMethods(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly).Select(m => m.ToString())));
        }

        var words = args.Length > 0 ? args[0] : "小区 电梯";
        var text = args.Length > 1 ? args[1] : "小区电梯";
        var ml = new MLContext(1);
        var data = ml.Data.LoadFromEnumerable([new Row { Words = words, Text = text }]);
        var pipeline = ml.Transforms.Text.ProduceHashedWordBags("W", nameof(Row.Words), numberOfBits: 19, ngramLength: 2, useAllLengths: true)
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("K", nameof(Row.Text), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceHashedNgrams("C", "K", numberOfBits: 19, ngramLength: 3, useAllLengths: true));
        var output = pipeline.Fit(data).Transform(data);
        Print("ML.NET W", output, "W");
        Print("ML.NET C", output, "C");
        var keys = output.GetColumn<VBuffer<ushort>>("K").First();
        Console.WriteLine("ML.NET K " + string.Join(",", keys.DenseValues()) + " (chars " + string.Join(",", text.Select(c => (int)c)) + ")");
        var hashed = ml.Transforms.Text.TokenizeIntoWords("T", nameof(Row.Words))
            .Append(ml.Transforms.Conversion.Hash([new Microsoft.ML.Transforms.HashingEstimator.ColumnOptions("H", "T", numberOfBits: 30, seed: 314489979, useOrderedHashing: false)]))
            .Fit(data).Transform(data);
        Console.WriteLine("ML.NET word hashes " + string.Join(",", hashed.GetColumn<VBuffer<uint>>("H").First().DenseValues()));
        var viaMl = new Dictionary<int, float>();
        new HashedNgramFeatures(19, 2, 19, 3).Compute(hashed.GetColumn<VBuffer<uint>>("H").First().DenseValues().ToList(), text, viaMl, []);
        Console.WriteLine("ours W from ML.NET word keys " + string.Join(" ", viaMl.Where(f => f.Key < 1 << 19).OrderBy(f => f.Key).Select(f => $"{f.Key}:{f.Value:F3}")));
        Console.WriteLine("ours word hashes " + string.Join(",", words.Split(' ').Select(HashedNgramFeatures.WordKey)));
        var features = new Dictionary<int, float>();
        new HashedNgramFeatures(19, 2, 19, 3).Compute(words, text, features, []);
        Console.WriteLine("ours W " + string.Join(" ", features.Where(f => f.Key < 1 << 19).OrderBy(f => f.Key).Select(f => $"{f.Key}:{f.Value:F3}")));
        Console.WriteLine("ours C " + string.Join(" ", features.Where(f => f.Key >= 1 << 19).OrderBy(f => f.Key).Select(f => $"{f.Key - (1 << 19)}:{f.Value:F3}")));
        return 0;
    }

    private static void Print(string name, IDataView output, string column)
    {
        var v = output.GetColumn<VBuffer<float>>(column).First();
        var items = v.GetIndices().ToArray().Zip(v.GetValues().ToArray()).OrderBy(p => p.First);
        Console.WriteLine(name + " " + string.Join(" ", items.Select(p => $"{p.First}:{p.Second:F3}")));
    }
}
