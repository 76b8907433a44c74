using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Monitor.Ingest.Pages;

/// <summary>
/// Decides how a page's bytes are decoded: an explicit override, then the HTTP charset, then a BOM or a
/// <c>&lt;meta&gt;</c> charset in the first bytes, then UTF-8 when the bytes are valid UTF-8, then the fallback.
/// </summary>
internal static partial class PageCharset
{
    private const int PrescanBytes = 4096;

    static PageCharset() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding? TryGetEncoding(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            return Encoding.GetEncoding(name.Trim());
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            // UTF-7 and the like: known names this runtime refuses to decode.
            return null;
        }
    }

    /// <summary>The charset name to hand to the parser; never null.</summary>
    public static string Decide(ReadOnlySpan<byte> content, string? contentType, string? charsetOverride, string fallback)
    {
        if (TryGetEncoding(charsetOverride) is not null)
        {
            return charsetOverride!.Trim();
        }

        if (contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var media)
            && TryGetEncoding(media.CharSet?.Trim('"', '\'')) is not null)
        {
            return media.CharSet!.Trim('"', '\'', ' ');
        }

        if (content.StartsWith("\uFEFF"u8) || content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return content[0] == 0xEF ? "utf-8" : content[0] == 0xFF ? "utf-16le" : "utf-16be";
        }

        var head = Encoding.Latin1.GetString(content[..Math.Min(content.Length, PrescanBytes)]);
        var meta = MetaCharset().Match(head);
        if (meta.Success && TryGetEncoding(meta.Groups["charset"].Value) is not null)
        {
            return meta.Groups["charset"].Value;
        }

        return Utf8.IsValid(content) ? "utf-8" : fallback;
    }

    [GeneratedRegex("""<meta[^>]{0,512}?charset\s*=\s*["']?\s*(?<charset>[A-Za-z0-9_\-:.]{1,40})""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex MetaCharset();
}
