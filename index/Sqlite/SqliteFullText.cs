namespace Monitor.Index.Sqlite;

/// <summary>
/// The FTS5 index over the space-joined jieba tokens: unicode61 splits on the spaces, so a query matches whole
/// words (河道 matches, 道污 does not) and punctuation tokens are not indexed.
/// </summary>
internal static class SqliteFullText
{
    /// <summary>Keep messages_fts in step with analyses.tokens; an external-content delete must repeat the indexed value.</summary>
    public const string CreateTriggers = """

        CREATE TRIGGER analyses_fts_insert AFTER INSERT ON analyses WHEN new.tokens IS NOT NULL BEGIN
            INSERT INTO messages_fts(rowid, tokens) VALUES (new.message_id, new.tokens);
        END;
        CREATE TRIGGER analyses_fts_update AFTER UPDATE OF tokens ON analyses BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, tokens) SELECT 'delete', old.message_id, old.tokens WHERE old.tokens IS NOT NULL;
            INSERT INTO messages_fts(rowid, tokens) SELECT new.message_id, new.tokens WHERE new.tokens IS NOT NULL;
        END;
        CREATE TRIGGER analyses_fts_delete AFTER DELETE ON analyses WHEN old.tokens IS NOT NULL BEGIN
            INSERT INTO messages_fts(messages_fts, rowid, tokens) VALUES ('delete', old.message_id, old.tokens);
        END;
        """;

    public const string DropTriggers = """
        DROP TRIGGER IF EXISTS analyses_fts_insert;
        DROP TRIGGER IF EXISTS analyses_fts_update;
        DROP TRIGGER IF EXISTS analyses_fts_delete;
        """;

    public const string Rebuild = "INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');";
}
