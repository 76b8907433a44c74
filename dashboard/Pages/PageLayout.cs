using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Monitor.Dashboard.Accounts;

namespace Monitor.Dashboard.Pages;

/// <summary>The HTML frame of every page. Everything that came from a user or a citizen is HTML-encoded here or set as text by script.</summary>
internal static class PageLayout
{
    /// <summary>Replaced with the request's antiforgery field when the page is sent.</summary>
    public const string AntiforgeryPlaceholder = "{ANTIFORGERY}";

    /// <summary>Replaced with the request's antiforgery token (for script calls) when the page is sent.</summary>
    public const string AntiforgeryTokenPlaceholder = "{ANTIFORGERY_TOKEN}";

    private static readonly (string Path, string Title, string Policy)[] Navigation =
    [
        ("/", "最新留言", Policies.Feed),
        ("/overview", "舆情概览", Policies.Overview),
        ("/accountability", "公信力与简报", Policies.Accountability),
        ("/queue", "办理队列", Policies.Cases),
        ("/search", "检索与导出", Policies.Search),
        ("/admin", "系统管理", Policies.Admin),
    ];

    /// <summary>Encodes markup characters but leaves Chinese readable (the default encoder escapes all non-ASCII).</summary>
    public static HtmlEncoder Encoder { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(string title, ClaimsPrincipal? user, string body, params string[] scripts)
    {
        var h = Encoder;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        var nav = new StringBuilder();
        if (signedIn)
        {
            foreach (var (path, name, policy) in Navigation)
            {
                if (Policies.RolesOf[policy].Any(user!.IsInRole))
                {
                    nav.Append(NavLink(path, name, h));
                }
            }

            nav.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<span class="user">{h.Encode(user!.Identity!.Name ?? string.Empty)}</span><form method="post" action="/logout" class="inline">{AntiforgeryPlaceholder}<button type="submit">退出</button></form>""");
        }

        var scriptTags = string.Concat(scripts.Select(s => $"""<script src="{h.Encode(s)}" defer></script>"""));
        return $"""
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="{AntiforgeryTokenPlaceholder}">
            <title>{h.Encode(title)} · Monitor 政务微信舆情监测</title>
            <link rel="stylesheet" href="/css/site.css">
            {scriptTags}
            </head>
            <body>
            <header><a class="brand" href="/">Monitor 政务微信舆情监测</a><nav>{nav}</nav></header>
            <main>
            {body}
            </main>
            </body>
            </html>
            """;
    }

    private static string NavLink(string path, string name, HtmlEncoder h) => $"""<a href="{h.Encode(path)}">{h.Encode(name)}</a>""";
}
