using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Monitor.EndToEnd;

/// <summary>Reads the store serve writes, read-only, from the side: the counts a run ends with.</summary>
internal sealed class StoreProbe(string dataFolder)
{
    private string Database => Path.Combine(dataFolder, "monitor.db");

    public bool Exists => File.Exists(Database);

    /// <summary>Bytes of the database with its WAL (what the data folder needs for the store).</summary>
    public long Size => Directory.GetFiles(dataFolder, "monitor.db*").Sum(f => new FileInfo(f).Length);

    public async Task<Progress> ProgressAsync(CancellationToken cancellationToken)
    {
        var row = await RowAsync(
            """
            SELECT (SELECT count(*) FROM messages),
                   (SELECT count(*) FROM analyses WHERE state IN ('done', 'skipped')),
                   (SELECT count(*) FROM analyses WHERE state IN ('pending', 'failed'));
            """,
            cancellationToken);
        // Events (follows, menu clicks) carry no text to analyse: 'skipped' counts as finished here.
        return new Progress(row[0], row[1], row[2]);
    }

    /// <summary>
    /// The counts every run ends with: stored once (no (source, id) twice), analysed once (one done analysis per
    /// message, the sentiment aggregates summing to the analysed count, the full-text index holding each once), and
    /// every rejection with its reason.
    /// </summary>
    public async Task<Ledger> LedgerAsync(CancellationToken cancellationToken)
    {
        var row = await RowAsync(
            """
            SELECT (SELECT count(*) FROM messages),
                   (SELECT count(*) FROM messages WHERE source_kind = 'wechat' AND source_id LIKE '24000%'),
                   (SELECT count(*) FROM messages WHERE source_kind = 'import'),
                   (SELECT count(*) FROM (SELECT 1 FROM messages GROUP BY source_kind, source_id HAVING count(*) > 1)),
                   (SELECT count(*) FROM analyses WHERE state = 'done'),
                   (SELECT count(*) FROM analyses WHERE state IN ('pending', 'failed')),
                   (SELECT count(*) FROM analyses WHERE state = 'done' AND attempts > 1),
                   (SELECT coalesce(sum(n), 0) FROM daily_counts WHERE dim = 'sentiment'),
                   (SELECT count(*) FROM messages_fts_docsize),
                   (SELECT count(*) FROM messages m LEFT JOIN analyses a ON a.message_id = m.id WHERE a.message_id IS NULL),
                   (SELECT count(*) FROM deliveries WHERE status = 'duplicate'),
                   (SELECT count(*) FROM analyses WHERE state = 'skipped');
            """,
            cancellationToken);
        var rejections = new List<(string Channel, string Reason, long Count)>();
        await using (var connection = await OpenAsync(cancellationToken))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT channel, coalesce(reason, ''), count(*) FROM deliveries WHERE status = 'rejected'
                GROUP BY channel, reason ORDER BY count(*) DESC;
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rejections.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            }
        }

        return new Ledger(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10], row[11], rejections);
    }

    private async Task<long[]> RowAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var values = new long[reader.FieldCount];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.GetInt64(i);
        }

        return values;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var busy = connection.CreateCommand();
        busy.CommandText = "PRAGMA busy_timeout = 30000;";
        await busy.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}

internal sealed record Progress(long Messages, long Analysed, long Pending);

internal sealed record Ledger(
    long Messages,
    long FromCallback, // the harness's own deliveries (MsgId 24000…), not the demo account's
    long FromImport,
    long StoredTwice,
    long Analysed,
    long Pending,
    long AnalysedAfterRetake,
    long SentimentAggregate,
    long FullTextDocuments,
    long WithoutAnalysisRow,
    long DuplicateDeliveries,
    long Skipped,
    IReadOnlyList<(string Channel, string Reason, long Count)> Rejections)
{
    /// <summary>What must hold at the end of every run, whatever was done to the process in between.</summary>
    public IReadOnlyList<string> Violations(long expectedCallback, long expectedImport)
    {
        var problems = new List<string>();
        Check(FromCallback == expectedCallback, $"callback messages stored {FromCallback}, accepted {expectedCallback}");
        Check(FromImport == expectedImport, $"import messages stored {FromImport}, good rows {expectedImport}");
        Check(StoredTwice == 0, $"{StoredTwice} (source, id) pairs stored more than once");
        Check(WithoutAnalysisRow == 0, $"{WithoutAnalysisRow} messages without an analysis row");
        Check(Pending == 0, $"{Pending} messages still pending analysis");
        Check(Analysed + Skipped == Messages, $"analysed {Analysed} (+ {Skipped} events skipped) of {Messages}");
        Check(SentimentAggregate == Analysed, $"sentiment aggregates count {SentimentAggregate}, analysed {Analysed} (an analysis counted twice or not at all)");
        Check(FullTextDocuments == Analysed, $"full-text index holds {FullTextDocuments} documents, analysed {Analysed}");
        return problems;

        void Check(bool ok, string problem)
        {
            if (!ok)
            {
                problems.Add(problem);
            }
        }
    }

    public void Print(TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ledger: {Messages:N0} messages ({FromCallback:N0} callback, {FromImport:N0} import), {StoredTwice} stored twice, {Analysed:N0} analysed ({AnalysedAfterRetake:N0} taken again after a lease ran out), {Skipped:N0} events without text skipped, {Pending:N0} pending, sentiment aggregates {SentimentAggregate:N0}, full-text documents {FullTextDocuments:N0}, duplicate deliveries kept as duplicates {DuplicateDeliveries:N0}"));
        foreach (var (channel, reason, count) in Rejections)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  rejected ({channel}) x{count}: {reason}"));
        }
    }
}
