using CsvHelper;
using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Topics;

/// <summary>
/// Reads texts (and labels) from any CSV with a header: the text is the named columns joined by a line break, with
/// scrape residue (tabs, runs of blank lines, ideographic spaces) collapsed. The source of a row is
/// <c>&lt;file name&gt;:&lt;src_row or record number&gt;</c>.
/// </summary>
public static class LabeledCsvReader
{
    public static async Task<IReadOnlyList<LabeledText>> ReadAsync(
        string csvFile, IReadOnlyList<string> textColumns, string labelColumn, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        var rows = new List<LabeledText>();
        var problems = new List<string>();
        await ReadRecordsAsync(csvFile, textColumns, labelColumn, (source, text, label) =>
        {
            if (string.IsNullOrWhiteSpace(label))
            {
                problems.Add($"{source}, column `{labelColumn}`: the label is empty");
            }
            else
            {
                rows.Add(new LabeledText(text, label.Trim(), source));
            }
        }, ct);
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<string>> ReadTextsAsync(string csvFile, IReadOnlyList<string> textColumns, CancellationToken ct)
    {
        var texts = new List<string>();
        await ReadRecordsAsync(csvFile, textColumns, null, (_, text, _) => texts.Add(text), ct);
        return texts;
    }

    /// <summary>Joins the columns and collapses whitespace runs (the Teddy messages start with tab/newline residue).</summary>
    public static string Clean(IEnumerable<string> parts) =>
        string.Join('\n', parts.Select(p => string.Join(' ', p.Replace('\u3000', ' ').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(p => p.Length > 0));

    private static async Task ReadRecordsAsync(
        string csvFile, IReadOnlyList<string> textColumns, string? labelColumn, Action<string, string, string> onRecord, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(csvFile);
        ArgumentNullException.ThrowIfNull(textColumns);
        if (!File.Exists(csvFile))
        {
            throw new FileNotFoundException($"'{csvFile}' does not exist.", csvFile);
        }

        var name = Path.GetFileName(csvFile);
        var options = new CsvReaderOptions { HasHeader = true, TrimWhitespace = false };
        await using var csv = CsvReader.Create(File.OpenRead(csvFile), options, leaveOpen: false);
        await csv.ReadHeaderAsync(ct);
        var header = csv.Headers.ToList();
        var missing = textColumns.Append(labelColumn).OfType<string>().Where(col => !header.Contains(col)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"{csvFile}: no column {string.Join(", ", missing.Select(m => $"`{m}`"))}; the header has {string.Join(", ", header)}");
        }

        var hasSrcRow = header.Contains("src_row");
        while (await csv.ReadAsync(ct))
        {
            var srcRow = hasSrcRow ? csv.GetString("src_row") : ((int)csv.RowNumber).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var text = Clean(textColumns.Select(col => csv.GetString(col)));
            onRecord($"{name}:{srcRow}", text, labelColumn is null ? string.Empty : csv.GetString(labelColumn));
        }
    }
}
