namespace Monitor.Index.Tests.Support;

/// <summary>SQL that puts a file written by this build back before a migration, for the upgrade tests.</summary>
public static class OlderSchemas
{
    /// <summary>
    /// Drops what schema 9 added (the reindex lease) and puts back schema 8's change-log triggers, which log every
    /// UPDATE naming a document's column, changed or not; the file is then what schema 8 wrote.
    /// </summary>
    public const string Before9 = """
        DROP TABLE reindex_leases;
        DROP TRIGGER analyses_copy_changed; DROP TRIGGER messages_copy_changed;
        CREATE TRIGGER analyses_copy_changed AFTER UPDATE OF
            state, error, tokens, sentiment_label, sentiment_score, model_version, dictionary_version, analysed_at,
            topic_label, topic_score, emotion_label, emotion_score, urgency, urgency_reasons, service_function,
            service_triggers, simhash, cluster_id, case_status, assignee, deadline_at, first_reply_at, resolved_at
        ON analyses
        WHEN NEW.message_id <= (SELECT max(claimed_id) FROM reindex_checkpoints)
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.message_id);
        END;
        CREATE TRIGGER messages_copy_changed AFTER UPDATE OF source_id, author, delivery_count ON messages
        WHEN NEW.id <= (SELECT max(claimed_id) FROM reindex_checkpoints)
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.id);
        END;

        """;

    /// <summary>Drops what schemas 8 and 9 added (the Elasticsearch change log, the lease); the file is then what schema 7 wrote.</summary>
    public const string Before8 = """
        DROP TABLE reindex_leases;
        DROP TRIGGER analyses_copy_changed; DROP TRIGGER messages_copy_changed; DROP TABLE message_changes;
        ALTER TABLE reindex_checkpoints DROP COLUMN claimed_id; ALTER TABLE reindex_checkpoints DROP COLUMN change_seq;

        """;
}
