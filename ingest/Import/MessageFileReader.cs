using System.Runtime.CompilerServices;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Import;

/// <summary>
/// Reads a CSV, JSONL or .xlsx file of messages. Never throws for bad rows: each row comes back accepted or with
/// its rejections and line number. Columns/keys: id, time, text, account, author, kind, title, url, parent_id,
/// or any others named by an <see cref="ImportMapping"/>. Authors are pseudonymised; SourceKind is <c>import</c>.
/// </summary>
public sealed class MessageFileReader
{
    private readonly CsvMessageReader csv;
    private readonly JsonLinesMessageReader jsonLines;
    private readonly XlsxMessageReader xlsx;

    public MessageFileReader(Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var mapper = new ImportRecordMapper(pseudonymizer);
        csv = new CsvMessageReader(mapper);
        jsonLines = new JsonLinesMessageReader(mapper);
        xlsx = new XlsxMessageReader(mapper);
    }

    /// <summary>The format a file name implies (.csv, .jsonl, .ndjson, .json, .xlsx), or null.</summary>
    public static MessageFileFormat? FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => MessageFileFormat.Csv,
            ".jsonl" or ".ndjson" or ".json" => MessageFileFormat.JsonLines,
            ".xlsx" => MessageFileFormat.Xlsx,
            _ => null,
        };
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/>; the format comes from <paramref name="format"/> or the extension.
    /// An unknown extension yields one file-level rejection (line 0). A missing file throws, as any I/O error.
    /// </summary>
    public IAsyncEnumerable<ImportRow> ReadAsync(string path, MessageFileFormat? format = null, CancellationToken cancellationToken = default) =>
        ReadAsync(path, format, null, cancellationToken);

    /// <summary>
    /// As <see cref="ReadAsync(string, MessageFileFormat?, CancellationToken)"/>, with the file's columns read through
    /// <paramref name="mapping"/> (null: columns named after the fields).
    /// </summary>
    public async IAsyncEnumerable<ImportRow> ReadAsync(
        string path,
        MessageFileFormat? format,
        ImportMapping? mapping,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var chosen = format ?? FormatOf(path);
        if (chosen is null)
        {
            yield return ImportRow.Rejected(new Rejection(0, "format",
                $"'{Path.GetFileName(path)}' has no known extension (.csv, .jsonl, .json, .xlsx); name the format explicitly", path));
            yield break;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await foreach (var row in ReadAsync(stream, chosen.Value, mapping, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Reads rows from <paramref name="stream"/> (left open).</summary>
    public IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, MessageFileFormat format, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, format, null, cancellationToken);

    /// <summary>Reads rows from <paramref name="stream"/> (left open) through <paramref name="mapping"/> (null: columns named after the fields).</summary>
    public IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, MessageFileFormat format, ImportMapping? mapping, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var columns = ImportColumns.For(mapping);
        return format switch
        {
            MessageFileFormat.Csv => csv.ReadAsync(stream, columns, cancellationToken),
            MessageFileFormat.JsonLines => jsonLines.ReadAsync(stream, columns, cancellationToken),
            MessageFileFormat.Xlsx => xlsx.ReadAsync(stream, columns, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
        };
    }
}
