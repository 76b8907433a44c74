using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using CsvHelper;

namespace Monitor.Ingest.Import;

/// <summary>
/// RFC 4180 CSV (comma, UTF-8, header row), read with CsvHelper. Line numbers are the physical lines where a
/// record starts (a quoted field may span lines). Bad rows become rejections; reading goes on.
/// </summary>
internal sealed class CsvMessageReader(ImportRecordMapper mapper)
{
    /// <summary>Bounds what an unclosed quote can make the reader buffer.</summary>
    public const int MaxRecordBytes = 4 * 1024 * 1024;

    public async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportColumns columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Malformed records may be reported while the reader scans ahead: match them to records by line.
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            Mode = CsvMode.Rfc4180,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Recover,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => malformed.TryAdd(record.LineNumber, record.Reason),
        };

        await using var reader = CsvReader.Create(stream, options, true);
        await reader.ReadHeaderAsync(cancellationToken);
        var header = reader.Headers.Select(columns.Normalize).ToArray();
        var headerProblems = CheckHeader(header, columns);
        if (headerProblems.Count > 0)
        {
            yield return ImportRow.Rejected(headerProblems);
            yield break;
        }

        while (true)
        {
            bool more;
            CsvFormatException? stopped = null;
            try
            {
                more = await reader.ReadAsync(cancellationToken);
            }
            catch (CsvFormatException ex)
            {
                // Only a record above MaxRecordBytes gets here: an unclosed quote in a large file. Nothing after it can be trusted.
                more = false;
                stopped = ex;
            }

            if (stopped is not null)
            {
                yield return ImportRow.Rejected(new Rejection(stopped.LineNumber, ImportRecordMapper.WholeRow,
                    $"reading stopped here: {stopped.Message} (likely a quote that is never closed)", string.Empty));
            }

            if (!more)
            {
                yield break;
            }

            yield return ReadRecord(reader, header, malformed, columns);
        }
    }

    private ImportRow ReadRecord(CsvReader reader, string[] header, Dictionary<long, CsvMalformedReason> malformed, ImportColumns columns)
    {
        var line = reader.LineNumber;
        // An unclosed quote keeps the file's final line break inside the record.
        var rawText = Encoding.UTF8.GetString(reader.RawRecord).TrimEnd('\r', '\n');
        var raw = ImportRecordMapper.Shorten(rawText, ImportRecordMapper.MaxRawLength);

        // A stray quote inside an unquoted field (他说"好") is kept as text by CsvHelper: nothing is ambiguous, so accept it.
        if (malformed.Remove(line, out var reason) && reason != CsvMalformedReason.StrayQuote)
        {
            var lines = CountLineBreaks(rawText);
            var span = lines > 0 ? string.Create(CultureInfo.InvariantCulture, $" (lines {line}–{line + lines})") : string.Empty;
            return Reject(line, reason switch
            {
                CsvMalformedReason.UnterminatedQuote => $"has a quote that is never closed; the field ran on to the end of the file{span}",
                CsvMalformedReason.TextAfterClosingQuote => $"has text after the closing quote of a field{span}; double the quotes inside a quoted field",
                _ => $"is malformed ({reason}){span}",
            }, raw);
        }

        if (reader.FieldCount != header.Length)
        {
            return Reject(line, string.Create(CultureInfo.InvariantCulture,
                $"has {reader.FieldCount} fields; the header has {header.Length}"), raw);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<Rejection>();
        for (var i = 0; i < header.Length; i++)
        {
            if (!columns.Wants(header[i]))
            {
                continue;
            }

            if (!Utf8.IsValid(reader.GetSpan(i)))
            {
                problems.Add(new Rejection(line, header[i], "is not valid UTF-8 (is the file in GBK? convert it to UTF-8)", raw));
                continue;
            }

            values[header[i]] = reader.GetString(i);
        }

        return mapper.Map(line, columns.Project(values), raw, problems, columns);
    }

    internal static List<Rejection> CheckHeader(string[] header, ImportColumns columns)
    {
        var raw = string.Join(",", header);
        var problems = new List<Rejection>();
        foreach (var required in columns.Required)
        {
            if (!header.Contains(required))
            {
                problems.Add(new Rejection(1, required, $"the header has no `{required}` column (found: {string.Join(", ", header)})", raw));
            }
        }

        foreach (var duplicate in header.Where(h => h.Length > 0 && (columns == ImportColumns.ByName || columns.Wants(h))).GroupBy(h => h).Where(g => g.Count() > 1))
        {
            problems.Add(new Rejection(1, duplicate.Key, "the header names this column more than once", raw));
        }

        return problems;
    }

    private static ImportRow Reject(long line, string reason, string raw) =>
        ImportRow.Rejected(new Rejection(line, ImportRecordMapper.WholeRow, reason, raw));

    private static long CountLineBreaks(string raw)
    {
        long count = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
