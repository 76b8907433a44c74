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

    /// <summary>
    /// For a write transaction whose rows can be computed again from what is already durable (an analysis, its lease, the
    /// keyword fold, an urgency raise): commit without waiting for the disk. WAL keeps commits in order, so such a
    /// commit is lost only with the ones after it, and only by a power cut or an OS crash, never by a crash of this
    /// process; the message then is simply analysed again. Each fsync cost ~4–25 ms under the write lock on this
    /// machine. The next <see cref="Configure"/> (every open from the pool) puts FULL back.
    /// </summary>
    public static void SyncLikeDerivedData(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous = NORMAL;";
        command.ExecuteNonQuery();
    }

    public static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // FULL: a delivery acknowledged to WeChat must survive a power cut, not only a crash of this process.
        // wal_autocheckpoint stays at SQLite's 1,000 pages: 10,000 made imports faster but the whole run only 1.02×,
        // and callback requests timed out behind the longer checkpoints (bench/README.md, the save profile).
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;" + ExtraPragmas;
        command.ExecuteNonQuery();
        // After the pragma, which installs SQLite's own handler (sleeps up to 100 ms between tries): hand-over within ~1 ms.
        SqliteBusyWait.Install(connection);
    }
}
