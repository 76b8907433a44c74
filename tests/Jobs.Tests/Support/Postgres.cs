using Npgsql;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// The PostgreSQL the cluster tests run on: <c>MONITOR_TEST_POSTGRES</c>, or the local cluster test.sh starts
/// (database monitor_jobs, user postgres, password postgres). Unreachable means a failed test with the reason, never a skip.
/// </summary>
public static class Postgres
{
    public const string Default = "Host=127.0.0.1;Port=5432;Database=monitor_jobs;Username=postgres;Password=postgres;Timeout=5";

    public static string ConnectionString => Environment.GetEnvironmentVariable("MONITOR_TEST_POSTGRES") is { Length: > 0 } configured ? configured : Default;

    public static async Task<string> RequireAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            return ConnectionString;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            Assert.Fail($"PostgreSQL is not reachable ({new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }}): {ex.Message}. "
                + "test.sh installs and starts it as root (apt-get install -y postgresql; pg_ctlcluster 15 main start; password and database monitor_jobs), "
                + "or set MONITOR_TEST_POSTGRES to a reachable database.");
            throw;
        }
    }
}
