using CsvHelper;
using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Topics;

/// <summary>
/// Turns a taxonomy CSV (first column the label, the others finer categories such as 二级分类/三级分类) into one short
/// keyword document per row, for the labels the model is trained on; other labels are skipped.
/// </summary>
public static class TaxonomySeeds
{
    public static async Task<IReadOnlyList<LabeledText>> ReadAsync(string csvFile, IReadOnlySet<string> labels, float weight, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = true };
        await using var csv = CsvReader.Create(File.OpenRead(csvFile), options, leaveOpen: false);
        await csv.ReadHeaderAsync(ct);
        var columns = csv.Headers.Count;
        var seeds = new List<LabeledText>();
        while (await csv.ReadAsync(ct))
        {
            var label = csv.GetString(0).Trim();
            if (!labels.Contains(label))
            {
                continue;
            }

            var words = Enumerable.Range(1, columns - 1).Select(i => csv.GetString(i).Trim()).Where(w => w.Length > 0);
            seeds.Add(new LabeledText(string.Join(' ', words), label, $"{Path.GetFileName(csvFile)}:{csv.RowNumber}", weight));
        }

        return seeds;
    }
}
