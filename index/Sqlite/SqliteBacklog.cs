namespace Monitor.Index.Sqlite;

/// <summary>
/// The unresolved cases counted per account and UTC day of their deadline, kept by triggers on <c>analyses</c> so
/// every writer (the ingest path, the case workflow, the bulk loader, a retention job that deletes rows) keeps it
/// exact without knowing about it. The scorecard sums at most a few hundred rows instead of reading the whole
/// backlog, and counts only the current day's deadlines from the <c>analyses_overdue</c> index.
/// </summary>
internal static class SqliteBacklog
{
    public const long DayMs = 86_400_000L;

    private const string NewUnresolved = "new.case_status IN ('open', 'assigned', 'replied') AND new.deadline_at IS NOT NULL AND new.account IS NOT NULL";
    private const string OldUnresolved = "old.case_status IN ('open', 'assigned', 'replied') AND old.deadline_at IS NOT NULL AND old.account IS NOT NULL";

    public static readonly string CreateTriggers = $"""

        CREATE TRIGGER analyses_backlog_insert AFTER INSERT ON analyses WHEN {NewUnresolved} BEGIN
            INSERT INTO backlog_deadlines (account, day, n) VALUES (new.account, new.deadline_at / {DayMs}, 1)
            ON CONFLICT DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER analyses_backlog_delete AFTER DELETE ON analyses WHEN {OldUnresolved} BEGIN
            UPDATE backlog_deadlines SET n = n - 1 WHERE account = old.account AND day = old.deadline_at / {DayMs};
        END;
        CREATE TRIGGER analyses_backlog_update AFTER UPDATE OF case_status, deadline_at, account ON analyses BEGIN
            UPDATE backlog_deadlines SET n = n - 1
            WHERE {OldUnresolved} AND account = old.account AND day = old.deadline_at / {DayMs};
            INSERT INTO backlog_deadlines (account, day, n) SELECT new.account, new.deadline_at / {DayMs}, 1
            WHERE {NewUnresolved}
            ON CONFLICT DO UPDATE SET n = n + 1;
        END;
        """;

    /// <summary>Recounts the table from the analyses (the migration that adds it).</summary>
    public static readonly string Rebuild = $"""

        DELETE FROM backlog_deadlines;
        INSERT INTO backlog_deadlines (account, day, n)
        SELECT account, deadline_at / {DayMs}, count(*) FROM analyses
        WHERE case_rank < 3 AND deadline_at IS NOT NULL AND account IS NOT NULL GROUP BY 1, 2;
        """;
}
