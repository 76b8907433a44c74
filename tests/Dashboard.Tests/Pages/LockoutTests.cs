using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Pages;

/// <summary>Its own app: locking the admin out must not disturb the other tests.</summary>
public sealed class LockoutTests : IClassFixture<MonitorAppFactory>
{
    private readonly MonitorAppFactory _app;

    public LockoutTests(MonitorAppFactory app) => _app = app;

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne()
    {
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 5; i++)
        {
            var wrong = await SignInTests.SignInAsync(client, "admin", "wrong-password");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await SignInTests.SignInAsync(client, "admin", MonitorAppFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("锁定", await right.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
