using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Accounts;

namespace Monitor.Dashboard.Tests.Support;

/// <summary>One user per role in a running app, with a known password.</summary>
public static class RoleUsers
{
    public const string Password = "Role-Test-Password-5";

    public static IReadOnlyList<string> All => Roles.All;

    public static void Create(MonitorAppFactory app)
    {
        var users = app.Services.GetRequiredService<UserStore>();
        foreach (var role in Roles.All)
        {
            users.Upsert("user-" + role, role, Password);
        }
    }
}
