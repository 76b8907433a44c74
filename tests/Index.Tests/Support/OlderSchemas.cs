namespace Monitor.Index.Tests.Support;

/// <summary>SQL that puts a file written by this build back before a migration, for the upgrade tests.</summary>
public static class OlderSchemas
{
    /// <summary>Drops what schema 8 added (the Elasticsearch change log); the file is then what schema 7 wrote.</summary>
    public const string Before8 = """
        DROP TRIGGER analyses_copy_changed; DROP TRIGGER messages_copy_changed; DROP TABLE message_changes;
        ALTER TABLE reindex_checkpoints DROP COLUMN claimed_id; ALTER TABLE reindex_checkpoints DROP COLUMN change_seq;

        """;
}
