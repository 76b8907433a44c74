namespace Monitor.Ingest.Import;

public enum MessageFileFormat
{
    /// <summary>RFC 4180 CSV, UTF-8, first row is the header.</summary>
    Csv,

    /// <summary>One JSON object per line, UTF-8 (<c>.jsonl</c>, and <c>.json</c> files written that way).</summary>
    JsonLines,

    /// <summary>Excel .xlsx, first sheet, first row is the header.</summary>
    Xlsx,
}
