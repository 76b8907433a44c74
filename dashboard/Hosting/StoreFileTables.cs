using Microsoft.Data.Sqlite;
using Monitor.Index;

namespace Monitor.Dashboard.Hosting;

/// <summary>
/// The dashboard's own tables (users, replies, sealed openings) in the store's SQLite file: the folder is made, the
/// owner's schema applied once at construction, and each call opens its own connection (30 s busy timeout, since the
/// pipeline writes to the same file).
/// </summary>
internal sealed class StoreFileTables
{
    private readonly string _connectionString;

    public StoreFileTables(StoreOptions options, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        Directory.CreateDirectory(Path.GetDirectoryName(options.DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = options.DatabasePath, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = schema;
        command.ExecuteNonQuery();
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
