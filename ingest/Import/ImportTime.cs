using System.Globalization;

namespace Monitor.Ingest.Import;

/// <summary>
/// Reads an import's time: ISO 8601 (with offset, or without = China time), <c>yyyy-MM-dd HH:mm:ss</c>
/// (China time, UTC+8), or Unix seconds. Returns UTC.
/// </summary>
internal static class ImportTime
{
    public const string Expected = "is not a date (ISO 8601, yyyy-MM-dd HH:mm:ss or Unix seconds)";

    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-ddTHH:mm:ss",
        "yyyy-MM-ddTHH:mm",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss",
        "yyyy/M/d H:mm:ss",
        "yyyy/M/d H:mm",
    ];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-ddTHH:mm:ssK",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
        "yyyy-MM-ddTHH:mmK",
        "yyyy-MM-dd HH:mm:ssK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    private static readonly long MinUnix = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxUnix = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    public static bool TryParse(string? value, out DateTimeOffset time) => TryParse(value, [], ChinaOffset, out time);

    /// <summary>As <see cref="TryParse(string?, out DateTimeOffset)"/>, trying <paramref name="formats"/> first; local times are at <paramref name="offset"/>.</summary>
    public static bool TryParse(string? value, IReadOnlyList<string> formats, TimeSpan offset, out DateTimeOffset time)
    {
        time = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < MinUnix || seconds > MaxUnix)
            {
                return false;
            }

            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        foreach (var local in (IEnumerable<string[]>)[[.. formats], LocalFormats])
        {
            if (local.Length > 0 && DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                if (parsed < DateTime.MinValue + offset.Duration() || parsed > DateTime.MaxValue - offset.Duration())
                {
                    return false;
                }

                time = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), offset).ToUniversalTime();
                return true;
            }
        }

        if (DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset))
        {
            time = withOffset.ToUniversalTime();
            return true;
        }

        return false;
    }
}
