using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Monitor.Ingest.Import;

/// <summary>One JSON object per line; every bad line becomes a rejection with its number.</summary>
internal sealed class JsonLinesMessageReader(ImportRecordMapper mapper)
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 16 };

    public async IAsyncEnumerable<ImportRow> ReadAsync(Stream stream, ImportColumns columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in Utf8LineReader.ReadAsync(stream, cancellationToken))
        {
            var bytes = line.Number == 1 && line.Bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble)
                ? line.Bytes[Encoding.UTF8.Preamble.Length..]
                : line.Bytes;
            if (bytes.AsSpan().Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            yield return Read(line.Number, bytes, line.Truncated, columns);
        }
    }

    private ImportRow Read(long number, byte[] bytes, bool truncated, ImportColumns columns)
    {
        var raw = ImportRecordMapper.Shorten(Encoding.UTF8.GetString(bytes), ImportRecordMapper.MaxRawLength);
        if (truncated)
        {
            return Reject(number, string.Create(CultureInfo.InvariantCulture, $"is longer than {Utf8LineReader.MaxLineBytes} bytes"), raw);
        }

        if (!Utf8.IsValid(bytes))
        {
            return Reject(number, "is not valid UTF-8 (is the file in GBK? convert it to UTF-8)", raw);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Reject(number, string.Create(CultureInfo.InvariantCulture,
                $"is not valid JSON at byte {ex.BytePositionInLine ?? 0}: {FirstSentence(ex.Message)}"), raw);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var hint = document.RootElement.ValueKind == JsonValueKind.Array ? "; write one object per line, not an array" : string.Empty;
                return Reject(number, $"is a JSON {Kind(document.RootElement.ValueKind)}, not an object{hint}", raw);
            }

            var problems = new List<Rejection>();
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = columns.Normalize(property.Name);
                if (!columns.Wants(name))
                {
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[name] = property.Value.GetString();
                        break;
                    case JsonValueKind.Number when columns != ImportColumns.ByName || name is "id" or "time" or "parent_id":
                        values[name] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.Null:
                        values[name] = null;
                        break;
                    default:
                        problems.Add(new Rejection(number, name,
                            $"is a JSON {Kind(property.Value.ValueKind)} ({ImportRecordMapper.Shorten(property.Value.GetRawText(), ImportRecordMapper.MaxQuotedLength)}); expected a string", raw));
                        break;
                }
            }

            return mapper.Map(number, columns.Project(values), raw, problems, columns);
        }
    }

    private static ImportRow Reject(long number, string reason, string raw) =>
        ImportRow.Rejected(new Rejection(number, ImportRecordMapper.WholeRow, reason, raw));

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
