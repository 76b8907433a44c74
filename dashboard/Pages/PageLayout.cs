using System.Text.Encodings.Web;

namespace Monitor.Dashboard.Pages;

/// <summary>The HTML frame of every page. Everything that came from a user or a citizen is HTML-encoded here or set as text by script.</summary>
internal static class PageLayout
{
    public static string Render(string title, string? userName, string body, string? script = null)
    {
        var h = HtmlEncoder.Default;
        var user = userName is null
            ? string.Empty
            : $"""<span class="user">{h.Encode(userName)}</span><form method="post" action="/logout" class="inline">{{ANTIFORGERY}}<button type="submit">退出</button></form>""";
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
