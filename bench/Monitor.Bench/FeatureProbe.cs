using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Monitor.Bench;

/// <summary>Where an ML.NET text model spends its time per row: each featurizer step alone (profiling aid for <c>scoring</c>).</summary>
public static class FeatureProbe
{
    private sealed class Row
    {
        public string Words { get; set; } = "";

        public string Text { get; set; } = "";
    }

    public static void Run(IReadOnlyList<(string Text, IReadOnlyList<string> Tokens)> inputs, int batch)
    {
        var ml = new MLContext(1);
        var rows = inputs.Select(i => new Row { Words = string.Join(' ', i.Tokens), Text = i.Text }).ToList();
        var empty = ml.Data.LoadFromEnumerable(rows.Take(10));
        var steps = new (string Name, IEstimator<ITransformer> Estimator, string Column)[]
        {
            ("word 1–2-gram hash bag 2^19", ml.Transforms.Text.ProduceHashedWordBags("F", nameof(Row.Words), numberOfBits: 19, ngramLength: 2, useAllLengths: true), "F"),
            ("char keys", ml.Transforms.Text.TokenizeIntoCharactersAsKeys("C", nameof(Row.Text), useMarkerCharacters: false), "C"),
            ("char keys + 1–3-gram hash 2^19", ml.Transforms.Text.TokenizeIntoCharactersAsKeys("C", nameof(Row.Text), useMarkerCharacters: false)
                .Append(ml.Transforms.Text.ProduceHashedNgrams("F", "C", numberOfBits: 19, ngramLength: 3, useAllLengths: true)), "F"),
            ("char keys + 1–3-gram hash 2^16", ml.Transforms.Text.TokenizeIntoCharactersAsKeys("C", nameof(Row.Text), useMarkerCharacters: false)
                .Append(ml.Transforms.Text.ProduceHashedNgrams("F", "C", numberOfBits: 16, ngramLength: 3, useAllLengths: true)), "F"),
        };
        foreach (var (name, estimator, column) in steps)
        {
            var model = estimator.Fit(empty);
            var best = double.MaxValue;
            for (var pass = 0; pass < 3; pass++)
            {
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                for (var from = 0; from < rows.Count; from += batch)
                {
                    var data = model.Transform(ml.Data.LoadFromEnumerable(rows.GetRange(from, Math.Min(batch, rows.Count - from))));
                    using var cursor = data.GetRowCursor(data.Schema.Where(c => c.Name == column));
                    var col = data.Schema[column];
                    if (col.Type is VectorDataViewType vt && vt.ItemType == NumberDataViewType.Single)
                    {
                        var getter = cursor.GetGetter<VBuffer<float>>(col);
                        var value = default(VBuffer<float>);
                        while (cursor.MoveNext())
                        {
                            getter(ref value);
                        }
                    }
                    else
                    {
                        var getter = cursor.GetGetter<VBuffer<ushort>>(col);
                        var value = default(VBuffer<ushort>);
                        while (cursor.MoveNext())
                        {
                            getter(ref value);
                        }
                    }
                }

                process.Refresh();
                best = Math.Min(best, (process.TotalProcessorTime - cpu).TotalSeconds);
            }

            Console.WriteLine($"  probe {name,-36} {rows.Count / best,10:N0} rows/CPU-s");
        }
    }
}
