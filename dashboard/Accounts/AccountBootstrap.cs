using System.Security.Cryptography;

namespace Monitor.Dashboard.Accounts;

/// <summary>
/// Makes sure someone can sign in: at first start an admin is created with the password from configuration
/// (<c>Monitor:AdminPassword</c>) or a generated one printed once. The demo adds one user per role with fresh passwords.
/// </summary>
internal static class AccountBootstrap
{
    public static void EnsureAdmin(UserStore users, IConfiguration configuration, TextWriter console)
    {
        if (users.Any())
        {
            return;
        }

        var configured = configuration["Monitor:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? NewPassword() : configured;
        users.Upsert("admin", Roles.Admin, password);
        console.WriteLine(string.IsNullOrEmpty(configured)
            ? $"Created the first user: admin / {password}  (shown once; set Monitor__AdminPassword to choose it)"
            : "Created the first user: admin (password from Monitor:AdminPassword)");
    }

    public static void CreateDemoUsers(UserStore users, TextWriter console)
    {
        console.WriteLine("Demo logins (new passwords at every demo start):");
        foreach (var role in new[] { Roles.Official, Roles.Responder, Roles.Researcher, Roles.Sealed })
        {
            var password = NewPassword();
            users.Upsert(role, role, password);
            console.WriteLine($"  {role,-10} / {password}");
        }
    }

    /// <summary>12 characters from an alphabet without look-alikes (0/O, 1/l/I), 70 bits of entropy.</summary>
    public static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);
}
