using System.Globalization;
using System.Runtime.CompilerServices;
using MiniExcelLibs;

namespace Monitor.Ingest.Import;

/// <summary>
/// The first sheet of an Excel .xlsx workbook, read with MiniExcel: the first row is the header, each later
/// row a record whose line is its spreadsheet row number. Empty rows are skipped. Numbers are written
/// invariantly (integers without a decimal point), date cells as <c>yyyy-MM-dd HH:mm:ss</c>.
/// A workbook that cannot be opened yields one file-level rejection.
/// </summary>
internal sealed class XlsxMessageReader(ImportRecordMapper mapper)
{
    public const long MaxWorkbookBytes = 256L * 1024 * 1024;

    public async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportColumns columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length > MaxWorkbookBytes)
        {
            yield return ImportRow.Rejected(new Rejection(0, "format", string.Create(CultureInfo.InvariantCulture,
                $"the workbook has {buffer.Length} bytes; the limit is {MaxWorkbookBytes}"), string.Empty));
            yield break;
        }

        buffer.Position = 0;
        var (rows, problem) = ReadSheet(buffer, cancellationToken);
        if (problem is not null)
        {
            yield return ImportRow.Rejected(new Rejection(0, "format", problem, string.Empty));
            yield break;
        }

        if (rows.Count == 0)
        {
            yield break;
        }

        var header = rows[0].Cells.Select(c => columns.Normalize(c ?? string.Empty)).ToArray();
        var headerProblems = CsvMessageReader.CheckHeader(header, columns);
        if (headerProblems.Count > 0)
        {
            yield return ImportRow.Rejected(headerProblems);
            yield break;
        }

        foreach (var (line, cells) in rows.Skip(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var raw = ImportRecordMapper.Shorten(string.Join(",", cells), ImportRecordMapper.MaxRawLength);
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length && i < cells.Length; i++)
            {
                if (columns.Wants(header[i]))
                {
                    values[header[i]] = cells[i];
                }
            }

            yield return mapper.Map(line, columns.Project(values), raw, [], columns);
        }
    }

    private static (List<(long Line, string?[] Cells)> Rows, string? Problem) ReadSheet(Stream stream, CancellationToken cancellationToken)
    {
        var rows = new List<(long, string?[])>();
        try
        {
            long line = 0;
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                cancellationToken.ThrowIfCancellationRequested();
                line++;
                rows.Add((line, row.Values.Select(Cell).ToArray()));
            }

            return (rows, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A damaged or foreign file can fail anywhere inside the zip/XML reader; the whole file is then rejected.
            return ([], $"the file is not a readable .xlsx workbook: {ex.Message}");
        }
    }

    private static string? Cell(object? value) => value switch
    {
        null => null,
        string text => text,
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset date => date.ToString("O", CultureInfo.InvariantCulture),
        double number when number == Math.Floor(number) && Math.Abs(number) < 1e15 => ((long)number).ToString(CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
