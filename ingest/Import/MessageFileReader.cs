using System.Runtime.CompilerServices;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Import;

/// <summary>
/// Reads a CSV or JSONL file of messages. Never throws for bad rows: each row comes back accepted or with
/// its rejections and line number. Columns/keys: id, time, text, account, author, kind, title, url, parent_id.
/// Authors are pseudonymised; SourceKind is <c>import</c>.
/// </summary>
public sealed class MessageFileReader
{
    private readonly CsvMessageReader csv;
    private readonly JsonLinesMessageReader jsonLines;

    public MessageFileReader(Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var mapper = new ImportRecordMapper(pseudonymizer);
        csv = new CsvMessageReader(mapper);
        jsonLines = new JsonLinesMessageReader(mapper);
    }

    /// <summary>The format a file name implies (.csv, .jsonl, .ndjson, .json), or null.</summary>
    public static MessageFileFormat? FormatOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => MessageFileFormat.Csv,
            ".jsonl" or ".ndjson" or ".json" => MessageFileFormat.JsonLines,
            _ => null,
        };
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/>; the format comes from <paramref name="format"/> or the extension.
    /// An unknown extension yields one file-level rejection (line 0). A missing file throws, as any I/O error.
    /// </summary>
    public async IAsyncEnumerable<ImportRow> ReadAsync(
        string path,
        MessageFileFormat? format = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var chosen = format ?? FormatOf(path);
        if (chosen is null)
        {
            yield return ImportRow.Rejected(new Rejection(0, "format",
                $"'{Path.GetFileName(path)}' has no known extension (.csv, .jsonl, .json); name the format explicitly", path));
            yield break;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        await foreach (var row in ReadAsync(stream, chosen.Value, cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Reads rows from <paramref name="stream"/> (left open).</summary>
    public IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, MessageFileFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return format switch
        {
            MessageFileFormat.Csv => csv.ReadAsync(stream, cancellationToken),
            MessageFileFormat.JsonLines => jsonLines.ReadAsync(stream, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown format."),
        };
    }
}
