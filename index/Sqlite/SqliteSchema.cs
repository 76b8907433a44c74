using Microsoft.Data.Sqlite;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Ordered schema migrations, applied at start. <c>PRAGMA user_version</c> records how many have run, so a newer
/// binary upgrades an older data folder in place and an older binary refuses a newer one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            channel TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            query TEXT,
            body BLOB NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('stored', 'duplicate', 'rejected')),
            reason TEXT,
            message_id INTEGER
        );
        CREATE INDEX deliveries_status ON deliveries(status);
        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            source_kind TEXT NOT NULL,
            source_id TEXT NOT NULL,
            account TEXT NOT NULL,
            author TEXT,
            time INTEGER NOT NULL,
            kind TEXT NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            url TEXT,
            parent_id TEXT,
            received_at INTEGER NOT NULL,
            case_number TEXT UNIQUE,
            delivery_count INTEGER NOT NULL DEFAULT 1,
            UNIQUE (source_kind, source_id)
        );
        CREATE INDEX messages_time ON messages(time);
        CREATE TABLE analyses (
            message_id INTEGER PRIMARY KEY REFERENCES messages(id),
            state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed', 'skipped')),
            attempts INTEGER NOT NULL DEFAULT 0,
            due_at INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            tokens TEXT,
            sentiment_label TEXT,
            sentiment_score REAL,
            sentiment_positive REAL,
            model_version TEXT,
            dictionary_version TEXT,
            analysed_at INTEGER
        );
        CREATE INDEX analyses_due ON analyses(state, due_at) WHERE state IN ('pending', 'failed');
        """,
    ];

    public static int LatestVersion => Migrations.Length;

    public static void Apply(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL lets the dashboard read while the callback and the pipeline write.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        var current = ReadVersion(connection);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"The data folder's schema is version {current}, newer than this build knows ({Migrations.Length}). Use a newer monitor.");
        }

        for (var version = current; version < Migrations.Length; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
