using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Monitor.Dashboard.Accounts;

namespace Monitor.Dashboard.Pages;

/// <summary>Sign-in, sign-out and the page of latest messages.</summary>
internal static class PageEndpoints
{
    public static IEndpointRouteBuilder MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            LoginPage(context, antiforgery, returnUrl, error: null)).AllowAnonymous();
        // Both forms check the antiforgery token themselves, so a stale page gets a readable answer instead of an exception.
        app.MapPost("/login", SignInAsync).AllowAnonymous().DisableAntiforgery();
        app.MapPost("/logout", async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).RequireAuthorization().DisableAntiforgery();
        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) => Page(context, antiforgery, "最新留言", LatestBody, "/js/latest.js"))
            .RequireAuthorization(Policies.Feed);
        app.MapGet("/overview", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, "舆情概览", ScreenBodies.Overview, "/js/common.js", "/lib/echarts/echarts.min.js", "/js/overview.js")).RequireAuthorization(Policies.Overview);
        app.MapGet("/queue", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, "办理队列", ScreenBodies.Queue, "/js/common.js", "/js/queue-desk.js", "/js/queue.js", "/js/correct.js")).RequireAuthorization(Policies.Cases);
        app.MapGet("/search", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, "检索与导出", ScreenBodies.Search, "/js/common.js", "/js/search.js")).RequireAuthorization(Policies.Search);
        app.MapGet("/admin", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, "系统管理", ScreenBodies.Admin + ScreenBodies.AdminSettings, "/js/common.js", "/js/admin.js", "/js/admin-settings.js", "/js/erasure.js")).RequireAuthorization(Policies.Admin);
        app.MapGet("/accountability", (HttpContext context, IAntiforgery antiforgery) =>
            Page(context, antiforgery, "公信力与简报", ScreenBodies.Accountability, "/js/common.js", "/js/accountability.js")).RequireAuthorization(Policies.Accountability);
        app.MapGet("/denied", (HttpContext context, IAntiforgery antiforgery) =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page(context, antiforgery, "无权访问", "<h1>无权访问</h1><p>您的角色不能打开这个页面。</p>");
        }).AllowAnonymous();
        return app;
    }

    private const string LatestBody = """
        <h1>最新留言 <small id="status" class="muted">连接中…</small></h1>
        <p class="muted">公众号收到的市民留言，收到即入库，分词和情感分析在后台完成，本页每 2 秒自动更新。</p>
        <table id="latest" class="grid">
        <thead><tr><th>收到时间</th><th>编号</th><th>类型</th><th>内容</th><th>分词</th><th>情感</th><th>置信度</th></tr></thead>
        <tbody></tbody>
        </table>
        """;

    private static async Task<IResult> SignInAsync(HttpContext context, IAntiforgery antiforgery, UserStore users, string? returnUrl)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return LoginPage(context, antiforgery, returnUrl, "页面已过期，请重新登录。", StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var userName = form["userName"].ToString();
        var password = form["password"].ToString();
        if (string.IsNullOrEmpty(userName) || string.IsNullOrEmpty(password))
        {
            return LoginPage(context, antiforgery, returnUrl, "请输入用户名和密码。", StatusCodes.Status400BadRequest);
        }

        var (result, user) = users.CheckPassword(userName, password);
        if (result != SignInOutcome.Succeeded || user is null)
        {
            var message = result == SignInOutcome.LockedOut
                ? $"登录失败次数过多，账户已锁定 {UserStore.LockoutDuration.TotalMinutes:0} 分钟。"
                : "用户名或密码不正确。";
            return LoginPage(context, antiforgery, returnUrl, message, StatusCodes.Status401Unauthorized);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    private static IResult LoginPage(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var h = PageLayout.Encoder;
        var action = IsLocal(returnUrl) ? "/login?returnUrl=" + UrlEncoder.Default.Encode(returnUrl!) : "/login";
        var errorHtml = error is null ? string.Empty : $"""<p class="error" role="alert">{h.Encode(error)}</p>""";
        var body = $"""
            <form method="post" action="{h.Encode(action)}" class="login">
            <h1>登录</h1>
            {errorHtml}
            {PageLayout.AntiforgeryPlaceholder}
            <label>用户名 <input name="userName" autocomplete="username" required></label>
            <label>密码 <input name="password" type="password" autocomplete="current-password" required></label>
            <button type="submit">登录</button>
            </form>
            """;
        return Html(context, antiforgery, PageLayout.Render("登录", null, body), status);
    }

    private static IResult Page(HttpContext context, IAntiforgery antiforgery, string title, string body, params string[] scripts) =>
        Html(context, antiforgery, PageLayout.Render(title, context.User, body, scripts), context.Response.StatusCode);

    private static IResult Html(HttpContext context, IAntiforgery antiforgery, string html, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var field = $"""<input type="hidden" name="{PageLayout.Encoder.Encode(tokens.FormFieldName)}" value="{PageLayout.Encoder.Encode(tokens.RequestToken ?? string.Empty)}">""";
        html = html
            .Replace(PageLayout.AntiforgeryPlaceholder, field, StringComparison.Ordinal)
            .Replace(PageLayout.AntiforgeryTokenPlaceholder, PageLayout.Encoder.Encode(tokens.RequestToken ?? string.Empty), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8", null, status);
    }
}
