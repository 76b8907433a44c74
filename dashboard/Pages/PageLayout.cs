using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Monitor.Dashboard.Pages;

/// <summary>The HTML frame of every page. Everything that came from a user or a citizen is HTML-encoded here or set as text by script.</summary>
internal static class PageLayout
{
    /// <summary>Replaced with the request's antiforgery field when the page is sent.</summary>
    public const string AntiforgeryPlaceholder = "{ANTIFORGERY}";

    /// <summary>Encodes markup characters but leaves Chinese readable (the default encoder escapes all non-ASCII).</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string title, string? userName, string body, string? script = null)
    {
        var h = Encoder;
        var user = userName is null
            ? string.Empty
            : $"""<span class="user">{h.Encode(userName)}</span><form method="post" action="/logout" class="inline">{AntiforgeryPlaceholder}<button type="submit">退出</button></form>""";
        var scriptTag = script is null ? string.Empty : $"""<script src="{h.Encode(script)}" defer></script>""";
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{h.Encode(title)} · Monitor 政务微信舆情监测</title>
            <link rel="stylesheet" href="/css/site.css">
            {scriptTag}
            </head>
            <body>
            <header><a class="brand" href="/">Monitor 政务微信舆情监测</a><nav>{user}</nav></header>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }
}
