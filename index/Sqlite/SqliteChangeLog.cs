namespace Monitor.Index.Sqlite;

/// <summary>
/// Which messages changed after the Elasticsearch copy took them (schema 8). A reindex walks messages in id order, so
/// a change to a message it already copied — a case assigned, replied or resolved, an urgency raised for a growing
/// cluster, a failed analysis that later succeeds, a reanalysis, a duplicate delivery — would never reach the copy.
/// Triggers on the UPDATEs of the columns a document holds append the message to <c>message_changes</c> in the
/// writer's own transaction, so every writer is covered and a crash loses nothing. Only messages some target has
/// claimed (<c>reindex_checkpoints.claimed_id</c>, set in the same transaction as the batch's read) are logged: the
/// pipeline's first save of a message, beyond every claim, adds no row, since the id walk copies it anyway, and a
/// store no copy reads logs nothing at all. The sequence (AUTOINCREMENT: never reused after a prune) orders the
/// changes; each target remembers the last one it re-copied (<c>change_seq</c>).
/// </summary>
internal static class SqliteChangeLog
{
    /// <summary>The analyses columns a document is made of (case_rank is generated from case_status).</summary>
    private const string AnalysisColumns = """
        state, error, tokens, sentiment_label, sentiment_score, model_version, dictionary_version, analysed_at,
        topic_label, topic_score, emotion_label, emotion_score, urgency, urgency_reasons, service_function,
        service_triggers, simhash, cluster_id, case_status, assignee, deadline_at, first_reply_at, resolved_at
        """;

    private const string Claimed = "(SELECT max(claimed_id) FROM reindex_checkpoints)";

    public const string Create = $"""
        ALTER TABLE reindex_checkpoints ADD COLUMN claimed_id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE reindex_checkpoints ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
        UPDATE reindex_checkpoints SET claimed_id = last_id;
        CREATE TABLE message_changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            message_id INTEGER NOT NULL
        );
        CREATE TRIGGER analyses_copy_changed AFTER UPDATE OF {AnalysisColumns} ON analyses
        WHEN NEW.message_id <= {Claimed}
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.message_id);
        END;
        CREATE TRIGGER messages_copy_changed AFTER UPDATE OF source_id, author, delivery_count ON messages
        WHEN NEW.id <= {Claimed}
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.id);
        END;
        -- A copy made before schema 8 never received a change: every message it holds is copied once more.
        INSERT INTO message_changes (message_id) SELECT id FROM messages WHERE id <= coalesce({Claimed}, 0) ORDER BY id;
        """;

    /// <summary>
    /// Schema 9: the same triggers, but they log a message only when a column its document carries holds another value
    /// after the UPDATE than before (<c>IS NOT</c>: NULL to a value and back count). Schema 8 logged every UPDATE that
    /// named such a column, so a message whose analysis kept failing with the same error (state 'failed' again, only
    /// its retry time moved) was copied once more after every attempt. The cheap
    /// comparison comes before the claim's subquery.
    /// </summary>
    public static string OnlyRealChanges => $"""
        DROP TRIGGER analyses_copy_changed;
        DROP TRIGGER messages_copy_changed;
        CREATE TRIGGER analyses_copy_changed AFTER UPDATE OF {AnalysisColumns} ON analyses
        WHEN ({AnalysisChanged()}) AND NEW.message_id <= {Claimed}
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.message_id);
        END;
        CREATE TRIGGER messages_copy_changed AFTER UPDATE OF source_id, author, delivery_count ON messages
        WHEN (OLD.source_id IS NOT NEW.source_id OR OLD.author IS NOT NEW.author OR OLD.delivery_count IS NOT NEW.delivery_count)
            AND NEW.id <= {Claimed}
        BEGIN
            INSERT INTO message_changes (message_id) VALUES (NEW.id);
        END;

        """;

    /// <summary><c>OLD.c IS NOT NEW.c OR …</c> over every column of <see cref="AnalysisColumns"/>, so the two never part.</summary>
    private static string AnalysisChanged() => string.Join(
        " OR ",
        AnalysisColumns.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(c => $"OLD.{c} IS NOT NEW.{c}"));
}
