using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitor.Ingest.Pages;

/// <summary>Finds a publish time in the forms pages use: WeChat's <c>var ct = "unix"</c>, or a written date in China time.</summary>
internal static partial class PageTime
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    public static DateTimeOffset? FromWeChatScript(string script)
    {
        var match = WeChatCreateTime().Match(script);
        return match.Success && long.TryParse(match.Groups["unix"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            && unix is > 0 and < 32503680000
            ? DateTimeOffset.FromUnixTimeSeconds(unix)
            : null;
    }

    /// <summary>The first written date in <paramref name="text"/> (2024-01-02 10:00, 2024/1/2, 2024年1月2日 10:00), as UTC.</summary>
    public static DateTimeOffset? FromText(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var iso = text.Trim();
        if (iso.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces, out var withOffset) && HasOffset(iso))
        {
            return withOffset.ToUniversalTime();
        }

        var match = WrittenDate().Match(text);
        return match.Success ? ToUtc(match) : null;
    }

    /// <summary>A date that follows a label such as 发布时间： or 日期: in running text.</summary>
    public static DateTimeOffset? FromLabelledText(string text)
    {
        var match = LabelledDate().Match(text);
        return match.Success ? FromText(match.Groups["date"].Value) : null;
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.LastIndexOfAny(['+', '-']) > value.IndexOf('T', StringComparison.Ordinal);

    private static DateTimeOffset? ToUtc(Match match)
    {
        static int Part(Match match, string name) =>
            match.Groups[name].Success ? int.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture) : 0;

        var (year, month, day) = (Part(match, "y"), Part(match, "m"), Part(match, "d"));
        var (hour, minute, second) = (Part(match, "H"), Part(match, "M"), Part(match, "S"));
        if (year < 1990 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, hour, minute, second, ChinaOffset).ToUniversalTime();
    }

    [GeneratedRegex("""\bct\s*=\s*["']?(?<unix>\d{9,11})["']?""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WeChatCreateTime();

    [GeneratedRegex("""(?<!\d)(?<y>\d{4})\s*[-/.年]\s*(?<m>\d{1,2})\s*[-/.月]\s*(?<d>\d{1,2})(?!\d)\s*日?(?:\s*T?\s*(?<H>\d{1,2})\s*[:：时]\s*(?<M>\d{1,2})(?:\s*[:：分]\s*(?<S>\d{1,2}))?)?""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex WrittenDate();

    [GeneratedRegex("""(?:发布时间|发布日期|发文日期|时间|日期)\s*[:：]\s*(?<date>\d{4}[^\n]{0,24})""", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex LabelledDate();
}
