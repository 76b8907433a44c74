using System.Globalization;

namespace Monitor.Ingest.Import;

/// <summary>
/// Why one field of one row was not accepted. <paramref name="Line"/> is the 1-based physical line where the row
/// starts (0 for the file as a whole); <paramref name="Raw"/> is the row as read (shortened when very long).
/// </summary>
public sealed record Rejection(long Line, string Field, string Reason, string Raw)
{
    /// <summary>The whole sentence: "line 17, field `time`: '2024-13-01' is not a date (…)".</summary>
    public string Description => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"line {Line}, field `{Field}`: {Reason}")
        : $"file, `{Field}`: {Reason}";

    public override string ToString() => Description;
}
