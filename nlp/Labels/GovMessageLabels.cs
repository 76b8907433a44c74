using System.Globalization;
using CsvHelper;
using Monitor.Nlp.Topics;

namespace Monitor.Nlp.Labels;

/// <summary>
/// Reads our labels (<c>dataset,file,src_row,service_function,urgency</c>; no text) and joins them with the texts of
/// <c>gov_messages_teddy2020</c> by file and <c>src_row</c>; the text is title + body as <see cref="LabeledCsvReader"/> builds it.
/// </summary>
public static class GovMessageLabels
{
    public static async Task<IReadOnlyList<GovMessageLabel>> ReadAsync(string labelsCsv, string dataFolder, CancellationToken ct)
    {
        var labels = new List<(string File, string SrcRow, string Service, int Urgency)>();
        await using (var csv = CsvReader.Create(File.OpenRead(labelsCsv), new CsvReaderOptions { HasHeader = true }, leaveOpen: false))
        {
            while (await csv.ReadAsync(ct))
            {
                labels.Add((csv.GetString("file"), csv.GetString("src_row"), csv.GetString("service_function"),
                    int.Parse(csv.GetString("urgency"), CultureInfo.InvariantCulture)));
            }
        }

        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in labels.Select(l => l.File).Distinct(StringComparer.Ordinal))
        {
            var rows = await LabeledCsvReader.ReadAsync(Path.Combine(dataFolder, file), ["留言主题", "留言详情"], "src_row", ct);
            foreach (var row in rows)
            {
                texts[file + ":" + row.Label] = row.Text;
            }
        }

        var missing = labels.Where(l => !texts.ContainsKey(l.File + ":" + l.SrcRow)).Select(l => $"{l.File} src_row {l.SrcRow}").ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{labelsCsv}: no message for {string.Join(", ", missing)} under '{dataFolder}'");
        }

        return labels.ConvertAll(l => new GovMessageLabel(l.File, l.SrcRow, texts[l.File + ":" + l.SrcRow], l.Service, l.Urgency));
    }
}
