using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Monitor.Dashboard.Hosting;
using Microsoft.Extensions.Options;

namespace Monitor.Dashboard.Accounts;

/// <summary>
/// Dashboard users in the store's SQLite file. Passwords are hashed with ASP.NET Core Identity's hasher (PBKDF2,
/// per-user salt); repeated failures lock the account for a while.
/// </summary>
internal sealed class UserStore
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private readonly StoreFileTables _tables;
    private readonly PasswordHasher<string> _hasher = new();
    private readonly TimeProvider _time;

    public UserStore(IOptions<Monitor.Index.StoreOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _tables = new StoreFileTables(options.Value, """
            CREATE TABLE IF NOT EXISTS users (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                failed_logins INTEGER NOT NULL DEFAULT 0,
                locked_until INTEGER,
                created_at INTEGER NOT NULL
            );
            """);
    }

    public bool Any()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM users);";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>Creates the user or replaces its role and password.</summary>
    public void Upsert(string name, string role, string password)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"unknown role '{role}'", nameof(role));
        }

        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO users (name, role, password_hash, created_at) VALUES ($name, $role, $hash, $now)
            ON CONFLICT (name) DO UPDATE SET role = $role, password_hash = $hash, failed_logins = 0, locked_until = NULL;
            """;
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$role", role);
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(name, password));
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    public (SignInOutcome Result, UserAccount? User) CheckPassword(string name, string password)
    {
        var user = Find(name);
        var now = _time.GetUtcNow();
        if (user is null)
        {
            // Hash anyway so an unknown name takes as long as a wrong password.
            _hasher.HashPassword(name, password);
            return (SignInOutcome.Failed, null);
        }

        if (user.LockedUntil > now)
        {
            return (SignInOutcome.LockedOut, null);
        }

        var verdict = _hasher.VerifyHashedPassword(name, user.PasswordHash, password);
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("$name", name);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failed = user.FailedLogins + 1;
            command.CommandText = "UPDATE users SET failed_logins = $failed, locked_until = $locked WHERE name = $name;";
            command.Parameters.AddWithValue("$failed", failed >= MaxFailedLogins ? 0 : failed);
            command.Parameters.AddWithValue("$locked", failed >= MaxFailedLogins ? (now + LockoutDuration).ToUnixTimeMilliseconds() : DBNull.Value);
            command.ExecuteNonQuery();
            return (failed >= MaxFailedLogins ? SignInOutcome.LockedOut : SignInOutcome.Failed, null);
        }

        command.CommandText = verdict == PasswordVerificationResult.SuccessRehashNeeded
            ? "UPDATE users SET failed_logins = 0, locked_until = NULL, password_hash = $hash WHERE name = $name;"
            : "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = $name;";
        command.Parameters.AddWithValue("$hash", _hasher.HashPassword(name, password));
        command.ExecuteNonQuery();
        return (SignInOutcome.Succeeded, user);
    }

    /// <summary>Every user, without password hashes.</summary>
    public IReadOnlyList<(string Name, string Role, bool Locked)> List()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, locked_until FROM users ORDER BY name;";
        using var reader = command.ExecuteReader();
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var users = new List<(string, string, bool)>();
        while (reader.Read())
        {
            users.Add((reader.GetString(0), reader.GetString(1), !reader.IsDBNull(2) && reader.GetInt64(2) > now));
        }

        return users;
    }

    private UserAccount? Find(string name)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, role, password_hash, failed_logins, locked_until FROM users WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new UserAccount(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            : null;
    }

    private SqliteConnection Open() => _tables.Open();
}
