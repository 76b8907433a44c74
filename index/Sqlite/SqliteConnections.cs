using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>How every part of the embedded store opens the file: pooled, private cache, the same pragmas.</summary>
internal static class SqliteConnections
{
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
    /// The page cache of a connection while it writes (KiB): a pipeline save updates 1,024 analyses rows, their indexes
    /// and FTS5 segments, a keyword fold upserts hundreds of thousands of block rows; SQLite's default 2 MiB cache reads
    /// the same pages again and again from the file. Only for the transaction (see <see cref="BeginWriting"/>): the
    /// pooled readers keep the default, so serve's memory grows by one cache, not one per connection.
    /// </summary>
    /// <remarks>Not const: the save profile (bench/Monitor.Bench.Store) sets it to compare.</remarks>
    internal static int WriterCacheKiB = 32 * 1024;

    /// <summary>The cache a pooled connection goes back to after writing (SQLite's default, -2000 = 2,000 KiB).</summary>
    private const int DefaultCacheKiB = 2000;

    /// <summary>The save profile's extra pragmas (bench/Monitor.Bench.Store save-profile); empty in production.</summary>
    internal static string ExtraPragmas = "";

    /// <summary>Gives a connection the writer's page cache; <see cref="EndWriting"/> gives the memory back.</summary>
    public static void BeginWriting(SqliteConnection connection) => SetCache(connection, WriterCacheKiB);

    public static void EndWriting(SqliteConnection connection)
    {
        try
        {
            SetCache(connection, DefaultCacheKiB);
        }
        catch (SqliteException)
        {
            // Runs in a finally: a connection too broken for a pragma must not hide why the write failed. At worst the
            // pooled connection keeps the larger cache until it is closed.
        }
    }

    private static void SetCache(SqliteConnection connection, int kib)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA cache_size = -{kib};";
        command.ExecuteNonQuery();
    }

    public static void Configure(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        // FULL: a delivery acknowledged to WeChat must survive a power cut, not only a crash of this process.
        // wal_autocheckpoint 10,000 pages (~40 MiB of WAL, default 1,000): a pipeline save or an import chunk writes
        // a few MiB, so the default copied the WAL back into the file and synced it after nearly every commit, the
        // same index pages again each time; fewer, larger checkpoints write each page once (bench/README.md, the
        // save profile). Durability is the WAL's, synced at each commit either way.
        command.CommandText = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = 10000;" + ExtraPragmas;
        command.ExecuteNonQuery();
    }
}
