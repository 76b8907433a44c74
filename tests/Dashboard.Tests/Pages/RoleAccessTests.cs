using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>
/// Role × endpoint: every endpoint of the app is in this table with the policy that guards it, and every role that
/// the policy does not name is refused by the server (403), whatever the page shows.
/// </summary>
public sealed class RoleAccessTests : IClassFixture<MonitorAppFactory>
{
    /// <summary>Endpoints that anyone may reach: sign-in, health and WeChat's own callback (it checks its signature).</summary>
    private static readonly string[] Anonymous = ["GET /login", "POST /login", "GET /denied", "* /health", "GET /wechat/callback", "POST /wechat/callback"];

    private static readonly (string Method, string Route, string Url, string Policy)[] Guarded =
    [
        ("GET", "/", "/", Policies.Feed),
        ("GET", "/overview", "/overview", Policies.Overview),
        ("GET", "/queue", "/queue", Policies.Cases),
        ("GET", "/search", "/search", Policies.Search),
        ("GET", "/api/messages/latest", "/api/messages/latest", Policies.Feed),
        ("GET", "/api/overview", "/api/overview", Policies.Overview),
        ("GET", "/api/scorecard", "/api/scorecard?account=gh_x", Policies.Scorecard),
        ("GET", "/api/queue", "/api/queue", Policies.Cases),
        ("GET", "/api/alerts", "/api/alerts", Policies.Overview),
        ("POST", "/api/cases/{id:long}/assign", "/api/cases/1/assign", Policies.Cases),
        ("POST", "/api/cases/{id:long}/reply", "/api/cases/1/reply", Policies.Cases),
        ("POST", "/api/cases/{id:long}/resolve", "/api/cases/1/resolve", Policies.Cases),
        ("GET", "/api/threads/{author}", "/api/threads/u_x", Policies.Cases),
        ("GET", "/api/search", "/api/search?q=%E6%B2%B3%E9%81%93", Policies.Search),
        ("GET", "/api/export", "/api/export?format=csv", Policies.Export),
        ("GET", "/admin", "/admin", Policies.Admin),
        ("GET", "/api/admin/users", "/api/admin/users", Policies.Admin),
        ("POST", "/api/admin/users", "/api/admin/users", Policies.Admin),
        ("GET", "/api/admin/sources", "/api/admin/sources", Policies.Admin),
        ("POST", "/api/admin/sources/{id}/cron", "/api/admin/sources/x/cron", Policies.Admin),
        ("GET", "/accountability", "/accountability", Policies.Accountability),
        ("GET", "/api/cases/lookup", "/api/cases/lookup?number=20260101-000001", Policies.Cases),
        ("GET", "/api/cases/{id:long}/replies", "/api/cases/1/replies", Policies.Cases),
        ("GET", "/api/clusters/{id:long}", "/api/clusters/1", Policies.Cases),
        ("POST", "/api/clusters/{id:long}/reply", "/api/clusters/1/reply", Policies.Cases),
        ("POST", "/api/clusters/{id:long}/resolve", "/api/clusters/1/resolve", Policies.Cases),
        ("GET", "/api/credibility", "/api/credibility", Policies.Accountability),
        ("GET", "/api/page-audit", "/api/page-audit", Policies.Accountability),
        ("GET", "/api/briefs", "/api/briefs", Policies.Accountability),
        ("GET", "/api/briefs/{file}", "/api/briefs/2026-01-01-daily.html", Policies.Accountability),
        ("GET", "/api/admin/alert-rules", "/api/admin/alert-rules", Policies.Admin),
        ("POST", "/api/admin/alert-rules", "/api/admin/alert-rules", Policies.Admin),
        ("DELETE", "/api/admin/alert-rules/{id}", "/api/admin/alert-rules/x", Policies.Admin),
        ("GET", "/api/admin/dictionary", "/api/admin/dictionary", Policies.Admin),
        ("POST", "/api/admin/dictionary", "/api/admin/dictionary", Policies.Admin),
        ("DELETE", "/api/admin/dictionary/{word}", "/api/admin/dictionary/x", Policies.Admin),
        ("GET", "/api/admin/sealed-audit", "/api/admin/sealed-audit", Policies.Admin),
        ("GET", "/api/messages/{id:long}/labels", "/api/messages/1/labels", Policies.Corrections),
        ("POST", "/api/messages/{id:long}/labels", "/api/messages/1/labels", Policies.Corrections),
        ("GET", "/api/admin/erasures", "/api/admin/erasures", Policies.Admin),
        ("POST", "/api/admin/erasures", "/api/admin/erasures", Policies.Admin),
        ("GET", "/openapi/{documentName}.json", "/openapi/v1.json", Policies.Feed),
    ];

    private readonly MonitorAppFactory _app;

    public RoleAccessTests(MonitorAppFactory app)
    {
        _app = app;
        RoleUsers.Create(app);
    }

    [Fact]
    public void EveryEndpointOfTheAppIsInTheTable()
    {
        var known = Guarded.Select(g => $"{g.Method} {g.Route}").Concat(Anonymous).Append("POST /logout").ToHashSet();
        var endpoints = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {Route(e)}"))
            .ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Contains(e, known));
    }

    private static string Route(RouteEndpoint endpoint)
    {
        var route = ("/" + endpoint.RoutePattern.RawText!.TrimStart('/')).TrimEnd('/');
        return route.Length > 0 ? route : "/";
    }

    [Fact]
    public async Task EveryGuardedEndpointRefusesEveryRoleItsPolicyDoesNotName()
    {
        var refusals = 0;
        foreach (var role in RoleUsers.All)
        {
            using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var signIn = await SignInTests.SignInAsync(client, "user-" + role, RoleUsers.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            foreach (var (method, _, url, policy) in Guarded)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method == "POST")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                var allowed = Policies.RolesOf[policy].Contains(role);
                var refused = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/denied", StringComparison.Ordinal));
                Assert.True(allowed != refused, $"{role} {method} {url}: {(int)response.StatusCode} (policy {policy})");
                refusals += refused ? 1 : 0;
            }
        }

        Assert.True(refusals > 10, $"only {refusals} refusals: the table does not exercise the roles");
    }

    [Fact]
    public async Task AnonymousCallersAreRefusedOnEveryGuardedEndpoint()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (method, _, url, _) in Guarded)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

            Assert.True(
                response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect,
                $"anonymous {method} {url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("/login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }
    }
}
