using System.Text.Json;
using Monitor.Nlp.Classification;

namespace Monitor.Nlp.Emotion;

/// <summary>
/// Reads an SMP2020-EWECT JSONL file (<c>content</c>, <c>label</c>, <c>orig_file</c>, <c>src_row</c>). The source of a
/// row is <c>&lt;file name&gt;:&lt;orig_file&gt;#&lt;src_row&gt;</c>, so results can be reported per domain.
/// </summary>
public static class EmotionCorpusReader
{
    public static async Task<IReadOnlyList<LabeledText>> ReadAsync(string jsonlFile, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(jsonlFile);
        var domain = Path.GetFileNameWithoutExtension(jsonlFile);
        var rows = new List<LabeledText>();
        var problems = new List<string>();
        var line = 0;
        await foreach (var text in File.ReadLinesAsync(jsonlFile, ct))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                var content = root.GetProperty("content").GetString() ?? string.Empty;
                var label = root.GetProperty("label").GetString() ?? string.Empty;
                var origin = root.TryGetProperty("orig_file", out var f) ? f.GetString() : null;
                var srcRow = root.TryGetProperty("src_row", out var r) ? r.ToString() : line.ToString(System.Globalization.CultureInfo.InvariantCulture);
                rows.Add(new LabeledText(content, label, $"{domain}:{origin}#{srcRow}"));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                problems.Add($"{jsonlFile} line {line}: {ex.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        return rows;
    }
}
