using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitor.Ingest.Import;

/// <summary>
/// How a file's own columns become message fields, loaded from JSON so a new file layout needs no code:
/// <code>
/// { "fields": { "id": "留言编号", "time": "留言时间", "text": "{留言主题}\n{留言详情}" },
///   "timeFormats": ["yyyy/M/d H:mm:ss"], "timeOffset": "+08:00", "defaults": { "account": "gov-board" } }
/// </code>
/// A field's source is a column name or a template of <c>{column}</c>s. Fields: id, time, text, account, author,
/// kind, title, url, parent_id (time and text required). Times without an offset are read at <see cref="TimeOffset"/>.
/// </summary>
public sealed record ImportMapping
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private ImportMapping(IReadOnlyDictionary<string, ImportTemplate> templates)
    {
        Templates = templates;
    }

    /// <summary>Field → column name or template, as written in the file.</summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }

    /// <summary>Field → value used when the row gives none (e.g. the account all rows belong to).</summary>
    public IReadOnlyDictionary<string, string> Defaults { get; init; } = new Dictionary<string, string>();

    /// <summary>Exact .NET formats tried first, before ISO 8601, <c>yyyy-MM-dd HH:mm:ss</c> and Unix seconds.</summary>
    public IReadOnlyList<string> TimeFormats { get; init; } = [];

    public TimeSpan TimeOffset { get; init; } = ImportTime.ChinaOffset;

    /// <summary>Trim whitespace (including U+3000) around each column value; default true.</summary>
    public bool TrimValues { get; init; } = true;

    internal IReadOnlyDictionary<string, ImportTemplate> Templates { get; }

    /// <summary>Reads a mapping file; every problem is listed, none is thrown.</summary>
    public static async Task<ImportMappingResult> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return new ImportMappingResult(null, [$"mapping file '{path}' does not exist"]);
        }

        return Parse(await File.ReadAllTextAsync(path, cancellationToken));
    }

    public static ImportMappingResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        ImportMappingFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ImportMappingFile>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            return new ImportMappingResult(null, [$"the mapping is not valid: {ex.Message}"]);
        }

        if (file is null)
        {
            return new ImportMappingResult(null, ["the mapping is empty (null)"]);
        }

        var problems = new List<string>();
        var templates = new Dictionary<string, ImportTemplate>(StringComparer.Ordinal);
        var fields = file.Fields ?? [];
        foreach (var (field, source) in fields)
        {
            if (!ImportRecordMapper.KnownFields.Contains(field))
            {
                problems.Add($"fields.{field} is not a known field (known: {string.Join(", ", ImportRecordMapper.KnownFields)})");
                continue;
            }

            var template = ImportTemplate.TryParse(source ?? string.Empty, out var problem);
            if (template is null)
            {
                problems.Add($"fields.{field} '{source}' {problem}");
                continue;
            }

            templates[field] = template;
        }

        foreach (var required in (string[])["time", "text"])
        {
            if (!fields.ContainsKey(required))
            {
                problems.Add($"fields.{required} is required: name the column (or {{template}}) that holds the message {required}");
            }
        }

        var defaults = file.Defaults ?? [];
        foreach (var field in defaults.Keys.Where(f => !ImportRecordMapper.KnownFields.Contains(f)))
        {
            problems.Add($"defaults.{field} is not a known field (known: {string.Join(", ", ImportRecordMapper.KnownFields)})");
        }

        var formats = file.TimeFormats ?? [];
        foreach (var format in formats)
        {
            if (!IsUsableFormat(format))
            {
                problems.Add($"timeFormats '{format}' is not a .NET date format that round-trips a date (e.g. yyyy/M/d H:mm:ss)");
            }
        }

        var offset = ImportTime.ChinaOffset;
        if (file.TimeOffset is { } offsetText && !TryParseOffset(offsetText, out offset))
        {
            problems.Add($"timeOffset '{offsetText}' is not an offset between -14:00 and +14:00 (e.g. +08:00)");
        }

        if (problems.Count > 0)
        {
            return new ImportMappingResult(null, problems);
        }

        return new ImportMappingResult(new ImportMapping(templates)
        {
            Fields = fields.ToDictionary(f => f.Key, f => f.Value!, StringComparer.Ordinal),
            Defaults = defaults.ToDictionary(f => f.Key, f => f.Value ?? string.Empty, StringComparer.Ordinal),
            TimeFormats = formats,
            TimeOffset = offset,
            TrimValues = file.Trim ?? true,
        }, []);
    }

    private static bool IsUsableFormat(string? format)
    {
        if (string.IsNullOrWhiteSpace(format))
        {
            return false;
        }

        var sample = new DateTime(2024, 11, 23, 13, 45, 56, DateTimeKind.Unspecified);
        try
        {
            var text = sample.ToString(format, CultureInfo.InvariantCulture);
            return DateTime.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var back) && back.Date == sample.Date;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        var ok = TimeSpan.TryParseExact(trimmed.TrimStart('+', '-'), ["h\\:mm", "hh\\:mm", "%h", "hh"], CultureInfo.InvariantCulture, out offset);
        offset = negative ? -offset : offset;
        return ok && offset.Duration() <= TimeSpan.FromHours(14);
    }

    private sealed class ImportMappingFile
    {
        public Dictionary<string, string?>? Fields { get; set; }

        public Dictionary<string, string?>? Defaults { get; set; }

        public List<string>? TimeFormats { get; set; }

        public string? TimeOffset { get; set; }

        public bool? Trim { get; set; }

        /// <summary>Free text for people reading the file; ignored.</summary>
        public string? Description { get; set; }
    }
}
