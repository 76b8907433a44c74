using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>How every part of the embedded store opens the file: pooled, private cache, the same pragmas.</summary>
internal static class SqliteConnections
{
    /// <summary>The save profile's extra pragmas (bench/Monitor.Bench.Store save-profile); empty in production.</summary>
    internal static string ExtraPragmas = "";

    public static string ConnectionString(string databasePath) => new SqliteConnectionStringBuilder
    {
        DataSource = databasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        Configure(connection);
        return connection;
    }

    public static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // FULL: a delivery acknowledged to WeChat must survive a power cut, not only a crash of this process.
        // wal_autocheckpoint stays at SQLite's 1,000 pages: 10,000 made imports faster but the whole run only 1.02×,
        // and callback requests timed out behind the longer checkpoints (bench/README.md, the save profile).
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;" + ExtraPragmas;
        command.ExecuteNonQuery();
    }
}
