using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.Import;

/// <summary>Turns one row's named values into a <see cref="Message"/>, or the reasons it cannot be one.</summary>
internal sealed class ImportRecordMapper(Pseudonymizer pseudonymizer)
{
    public const string SourceKind = "import";
    public const string WholeRow = "(row)";
    public const int MaxRawLength = 500;
    public const int MaxQuotedLength = 80;

    /// <summary>The fields an import understands; others are ignored.</summary>
    public static readonly IReadOnlyList<string> KnownFields = ["id", "time", "text", "account", "author", "kind", "title", "url", "parent_id"];

    /// <param name="line">The 1-based line where the row starts.</param>
    /// <param name="values">Field name (lowercase) → value; absent or null means not given.</param>
    /// <param name="raw">The row as read, for the rejection.</param>
    /// <param name="problems">Problems already found by the format reader (types, encoding), added first.</param>
    /// <param name="columns">The mapping in force (time formats, names in rejections); null reads columns by name.</param>
    public ImportRow Map(long line, IReadOnlyDictionary<string, string?> values, string raw, List<Rejection>? problems = null, ImportColumns? columns = null)
    {
        columns ??= ImportColumns.ByName;
        var rejections = problems ?? [];
        var shortRaw = Shorten(raw, MaxRawLength);

        var timeText = Get(values, "time");
        DateTimeOffset time = default;
        var reported = rejections.Select(r => r.Field).ToHashSet(StringComparer.Ordinal);
        if (reported.Contains("time"))
        {
        }
        else if (string.IsNullOrWhiteSpace(timeText))
        {
            rejections.Add(new Rejection(line, columns.Describe("time"), "is missing or empty; every message needs a time", shortRaw));
        }
        else if (!ImportTime.TryParse(timeText, columns.TimeFormats, columns.TimeOffset, out time))
        {
            var expected = columns.TimeFormats.Count == 0
                ? ImportTime.Expected
                : $"is not a date ({string.Join(", ", columns.TimeFormats)}, ISO 8601, yyyy-MM-dd HH:mm:ss or Unix seconds)";
            rejections.Add(new Rejection(line, columns.Describe("time"), $"'{Shorten(timeText, MaxQuotedLength)}' {expected}", shortRaw));
        }

        var text = Get(values, "text");
        if (!reported.Contains("text") && (text is null || text.Trim().Length == 0))
        {
            rejections.Add(new Rejection(line, columns.Describe("text"), "is missing or empty; every message needs text", shortRaw));
        }

        if (rejections.Count > 0)
        {
            return ImportRow.Rejected(rejections);
        }

        var authorRaw = Get(values, "author");
        var author = string.IsNullOrWhiteSpace(authorRaw) ? null : pseudonymizer.Pseudonymize(authorRaw.Trim());
        var id = Get(values, "id");
        var message = new Message
        {
            SourceKind = SourceKind,
            SourceId = string.IsNullOrWhiteSpace(id) ? StableId(time, text!, author) : id.Trim(),
            Account = Get(values, "account")?.Trim() ?? string.Empty,
            Author = author,
            Time = time,
            Kind = NullIfBlank(Get(values, "kind"))?.Trim() ?? "text",
            Title = NullIfBlank(Get(values, "title")),
            Text = text!,
            Url = NullIfBlank(Get(values, "url"))?.Trim(),
            ParentId = NullIfBlank(Get(values, "parent_id"))?.Trim(),
        };
        return ImportRow.Accepted(line, message);
    }

    /// <summary>"h_" + 24 hex characters of SHA-256 over UTC time, text and author pseudonym: the same row imported twice gets the same id.</summary>
    internal static string StableId(DateTimeOffset time, string text, string? authorPseudonym)
    {
        var material = string.Join('\u001f', time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), text, authorPseudonym ?? string.Empty);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "h_" + Convert.ToHexStringLower(hash)[..24];
    }

    internal static string Shorten(string value, int max) =>
        value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");

    private static string? Get(IReadOnlyDictionary<string, string?> values, string name) =>
        values.TryGetValue(name, out var value) ? value : null;

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
