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
        // 2: the analyses row becomes the one narrow row per message every question reads: what the NLP stages say
        // (all nullable: older pipelines do not fill them), a copy of the message's time/account/source/author so
        // no question joins 1,000,000 messages, the responder's case workflow, and daily aggregates for the charts.
        """
        ALTER TABLE analyses ADD COLUMN time INTEGER;
        ALTER TABLE analyses ADD COLUMN account TEXT;
        ALTER TABLE analyses ADD COLUMN source_kind TEXT;
        ALTER TABLE analyses ADD COLUMN author TEXT;
        ALTER TABLE analyses ADD COLUMN topic_label TEXT;
        ALTER TABLE analyses ADD COLUMN topic_score REAL;
        ALTER TABLE analyses ADD COLUMN emotion_label TEXT;
        ALTER TABLE analyses ADD COLUMN emotion_score REAL;
        ALTER TABLE analyses ADD COLUMN urgency INTEGER CHECK (urgency BETWEEN 0 AND 100);
        ALTER TABLE analyses ADD COLUMN urgency_reasons TEXT;
        ALTER TABLE analyses ADD COLUMN service_function TEXT;
        ALTER TABLE analyses ADD COLUMN service_triggers TEXT;
        ALTER TABLE analyses ADD COLUMN simhash INTEGER;
        ALTER TABLE analyses ADD COLUMN cluster_id INTEGER;
        ALTER TABLE analyses ADD COLUMN case_status TEXT CHECK (case_status IN ('open', 'assigned', 'replied', 'resolved'));
        ALTER TABLE analyses ADD COLUMN assignee TEXT;
        ALTER TABLE analyses ADD COLUMN first_reply_at INTEGER;
        ALTER TABLE analyses ADD COLUMN resolved_at INTEGER;
        ALTER TABLE analyses ADD COLUMN deadline_at INTEGER;
        ALTER TABLE analyses ADD COLUMN case_rank INTEGER GENERATED ALWAYS AS (
            CASE case_status WHEN 'open' THEN 0 WHEN 'assigned' THEN 1 WHEN 'replied' THEN 2 ELSE 3 END) VIRTUAL;
        UPDATE analyses SET time = m.time, account = m.account, source_kind = m.source_kind, author = m.author
        FROM messages m WHERE m.id = analyses.message_id;
        UPDATE analyses SET case_status = 'open', deadline_at = time + 172800000
        WHERE source_kind IN ('wechat', 'wechat-comment', 'import') AND state <> 'skipped';
        CREATE INDEX analyses_time ON analyses(time, sentiment_label, topic_label, emotion_label, account, source_kind, service_function);
        CREATE INDEX analyses_account_time ON analyses(account, source_kind, time);
        CREATE INDEX analyses_queue ON analyses(case_rank, urgency DESC, deadline_at, message_id) WHERE case_rank < 3;
        CREATE INDEX analyses_author ON analyses(author, time) WHERE author IS NOT NULL;
        CREATE INDEX analyses_cluster ON analyses(cluster_id, time) WHERE cluster_id IS NOT NULL;
        CREATE INDEX analyses_cases ON analyses(account, time, first_reply_at) WHERE case_status IS NOT NULL;
        CREATE INDEX analyses_backlog ON analyses(account, time, deadline_at) WHERE case_rank < 3;
        CREATE TABLE daily_counts (
            day INTEGER NOT NULL,
            account TEXT NOT NULL,
            source_kind TEXT NOT NULL,
            dim TEXT NOT NULL CHECK (dim IN ('sentiment', 'topic', 'emotion')),
            value TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (dim, day, value, account, source_kind)
        ) WITHOUT ROWID;
        CREATE TABLE day_ids (
            day INTEGER PRIMARY KEY,
            min_id INTEGER NOT NULL,
            max_id INTEGER NOT NULL
        );
        CREATE TABLE term_blocks (
            level INTEGER NOT NULL,
            block INTEGER NOT NULL,
            term TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (level, block, term)
        ) WITHOUT ROWID;
        """,
        // 3: full-text search over the segmented tokens. External content (the tokens live once, in analyses); the
        // triggers keep it in step with each saved analysis, the bulk loader drops them and 'rebuild's instead.
        """
        CREATE VIRTUAL TABLE messages_fts USING fts5(tokens, content='analyses', content_rowid='message_id', tokenize='unicode61');
        """ + SqliteFullText.CreateTriggers + """

        INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
        """,
        // 4: what the Elasticsearch copy needs from the system of record: where a reindex stopped, and what it refused.
        """
        CREATE TABLE reindex_checkpoints (
            target TEXT PRIMARY KEY,
            last_id INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE dead_letters (
            id INTEGER PRIMARY KEY,
            target TEXT NOT NULL,
            document_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            status INTEGER NOT NULL,
            error_type TEXT,
            reason TEXT NOT NULL,
            at INTEGER NOT NULL
        );
        """,
        // 5: answers that read too many rows at a million messages. Keyword blocks per account from 2 days up (hot
        // topics and top keywords of one account read a few blocks and at most one day of tokens at each end of the
        // window; filled from the analyses in this migration's transaction), the backlog counted per (account,
        // deadline day) by triggers, and the scorecard's service events indexed by account (a partial index: events only).
        """
        CREATE TABLE term_accounts (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL UNIQUE
        );
        CREATE TABLE account_term_blocks (
            account_id INTEGER NOT NULL,
            level INTEGER NOT NULL,
            block INTEGER NOT NULL,
            term TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (account_id, level, block, term)
        ) WITHOUT ROWID;
        CREATE TABLE backlog_deadlines (
            account TEXT NOT NULL,
            day INTEGER NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (account, day)
        ) WITHOUT ROWID;
        CREATE INDEX analyses_overdue ON analyses(account, deadline_at) WHERE case_rank < 3;
        CREATE INDEX messages_events ON messages(account, kind, time) WHERE kind >= 'event:' AND kind < 'event;';
        """ + SqliteBacklog.CreateTriggers + SqliteBacklog.Rebuild,
        // 6: the words of sealed messages (SealedMessages: a citizen's 涉黑举报) leave the keyword blocks, so top keywords
        // and hot topics never show them. No table changes; Apply subtracts what earlier versions counted.
        """
        -- keyword blocks without sealed messages' words
        """,
        // 7: the pipeline's save queues its messages for the keyword blocks instead of writing them per batch; a fold
        // writes many at once (SqliteKeywordBacklog). An upgraded file starts with an empty queue: all is folded. The
        // per-account blocks keep the odd levels only (DayBlocks): the even ones are deleted.
        SqliteKeywordBacklog.CreateTable,
        // 8: the messages changed after the Elasticsearch copy took them, logged by triggers, so a reindex re-copies
        // them (SqliteChangeLog). An upgraded file with a copy logs every copied message once.
        SqliteChangeLog.Create,
        // 9: the change log's triggers log a message only when a value its document carries changed (a repeated failure
        // with the same error is not a change), and the reindex lease: one run per target at a time.
        SqliteChangeLog.OnlyRealChanges + SqliteReindexState.CreateLeaseTable,
    ];

    /// <summary>The last migration that added an aggregate computed in C# from the analyses.</summary>
    private const int RecountAggregatesAt = 5;

    /// <summary>The migration from which sealed messages' words are left out of the keyword blocks.</summary>
    private const int SealedTermsLeftOutAt = 6;

    public static int LatestVersion => Migrations.Length;

    /// <summary>Applies the missing migrations; returns the version the file had before.</summary>
    public static int Apply(SqliteConnection connection)
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
            if (version + 1 == RecountAggregatesAt && current > 0)
            {
                // A file that already holds analyses gets the aggregates it lacks computed from them (all of them before
                // schema 2, the per-account keyword blocks before 5), in the migration's transaction: a crash leaves
                // the old version, to be redone at the next start.
                SqliteAggregateWriter.RebuildAsync(connection, transaction, accountTermsOnly: current >= 2, CancellationToken.None).GetAwaiter().GetResult();
            }

            if (version + 1 == SealedTermsLeftOutAt && current >= 2)
            {
                // Blocks counted before schema 6 hold sealed messages' words. A schema-1 file was just rebuilt whole by
                // the new rule, and a file before 5 got its per-account blocks rebuilt; only what is left is subtracted.
                SqliteAggregateWriter.SubtractSealedAsync(connection, transaction, accountBlocks: current >= 5, CancellationToken.None).GetAwaiter().GetResult();
            }

            transaction.Commit();
        }

        return current;
    }

    private static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
