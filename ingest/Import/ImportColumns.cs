namespace Monitor.Ingest.Import;

/// <summary>
/// How a reader's source columns (CSV header, JSON keys, first spreadsheet row) become the fields of
/// <see cref="ImportRecordMapper"/>: by name (the default: columns named id, time, text… case-insensitively) or
/// through an <see cref="ImportMapping"/>.
/// </summary>
internal sealed class ImportColumns
{
    private static readonly HashSet<string> KnownFields = new(ImportRecordMapper.KnownFields, StringComparer.Ordinal);

    private readonly ImportMapping? mapping;
    private readonly HashSet<string> wanted;

    private ImportColumns(ImportMapping? mapping)
    {
        this.mapping = mapping;
        wanted = mapping is null
            ? KnownFields
            : new HashSet<string>(mapping.Templates.Values.SelectMany(t => t.Columns), StringComparer.Ordinal);
        Required = mapping is null ? ["time", "text"] : [.. wanted.Order(StringComparer.Ordinal)];
    }

    public static ImportColumns ByName { get; } = new(null);

    /// <summary>The columns a header must have.</summary>
    public IReadOnlyList<string> Required { get; }

    public IReadOnlyList<string> TimeFormats => mapping?.TimeFormats ?? [];

    public TimeSpan TimeOffset => mapping?.TimeOffset ?? ImportTime.ChinaOffset;

    public static ImportColumns For(ImportMapping? mapping) => mapping is null ? ByName : new(mapping);

    /// <summary>A header cell as compared: trimmed, BOM removed; lowercased when reading by name.</summary>
    public string Normalize(string header)
    {
        var name = header.Trim().TrimStart('\uFEFF').Trim();
        return mapping is null ? name.ToLowerInvariant() : name;
    }

    public bool Wants(string column) => wanted.Contains(column);

    /// <summary>Field values for <see cref="ImportRecordMapper.Map"/> from one row's wanted column values.</summary>
    public Dictionary<string, string?> Project(Dictionary<string, string?> columns)
    {
        if (mapping is null)
        {
            return columns;
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (field, template) in mapping.Templates)
        {
            var value = template.Render(column => columns.TryGetValue(column, out var v) && v is not null && mapping.TrimValues ? Trim(v) : columns.GetValueOrDefault(column));
            if (value is not null)
            {
                fields[field] = value;
            }
        }

        foreach (var (field, value) in mapping.Defaults)
        {
            if (!fields.TryGetValue(field, out var given) || string.IsNullOrWhiteSpace(given))
            {
                fields[field] = value;
            }
        }

        return fields;
    }

    /// <summary>The name a rejection gives a field: the source column when the field is one column, else the field.</summary>
    public string Describe(string field) =>
        mapping is not null && mapping.Templates.TryGetValue(field, out var template) && template.SingleColumn is { } column
            ? column
            : field;

    private static string Trim(string value) => value.Trim().Trim('\u3000', '\u00A0', '\uFEFF').Trim();
}
