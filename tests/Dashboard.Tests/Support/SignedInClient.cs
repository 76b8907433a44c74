using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Monitor.Dashboard.Tests.Pages;

namespace Monitor.Dashboard.Tests.Support;

/// <summary>An HTTP client signed in as one of <see cref="RoleUsers"/>, sending the page's antiforgery token like the scripts do.</summary>
public static partial class SignedInClient
{
    public static async Task<HttpClient> CreateAsync(MonitorAppFactory app, string role)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var user = role == "admin-bootstrap" ? "admin" : "user-" + role;
        var password = role == "admin-bootstrap" ? MonitorAppFactory.AdminPassword : RoleUsers.Password;
        using var signIn = await SignInTests.SignInAsync(client, user, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", WebUtility.HtmlDecode(CsrfMeta().Match(page).Groups[1].Value));
        return client;
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();
}
