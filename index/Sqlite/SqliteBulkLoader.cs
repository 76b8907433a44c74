using Microsoft.Data.Sqlite;
using Monitor.Index.Cases;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Loads many analysed messages at once (a migration from another system, the benchmark): one transaction, the
/// FTS triggers dropped and the index rebuilt at the end, aggregates summed in memory. Measured here: per-row FTS
/// triggers cost 8× the 'rebuild'. Duplicates (same source kind and id) are skipped, as in <see cref="IMessageStore.IngestBatchAsync"/>.
/// </summary>
internal static class SqliteBulkLoader
{
    public static async Task<BatchOutcome> LoadAsync(string databasePath, IEnumerable<BulkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        using (new SqliteMessageStore(databasePath))
        {
            // Opening the store applies the migrations.
        }

        await using var connection = await SqliteConnections.OpenAsync(SqliteConnections.ConnectionString(databasePath), cancellationToken);
        await Execute(connection, null, "PRAGMA cache_size = -262144;", cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await Execute(connection, transaction, SqliteFullText.DropTriggers, cancellationToken);
        long nextId;
        await using (var max = connection.CreateCommand())
        {
            max.Transaction = transaction;
            max.CommandText = "SELECT coalesce(max(id), 0) + 1 FROM messages;";
            nextId = (long)(await max.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var message = connection.CreateCommand();
        message.Transaction = transaction;
        message.CommandText = """
            INSERT OR IGNORE INTO messages (id, source_kind, source_id, account, author, time, kind, title, text, url, parent_id, received_at, case_number)
            VALUES ($id, $sourceKind, $sourceId, $account, $author, $time, $kind, $title, $text, $url, $parent, $received, $case);
            """;
        var m = Parameters(message, "$id", "$sourceKind", "$sourceId", "$account", "$author", "$time", "$kind", "$title", "$text", "$url", "$parent", "$received", "$case");
        await using var analysis = connection.CreateCommand();
        analysis.Transaction = transaction;
        analysis.CommandText = """
            INSERT INTO analyses (message_id, state, tokens, sentiment_label, sentiment_score, sentiment_positive, model_version,
                dictionary_version, analysed_at, time, account, source_kind, author, topic_label, topic_score, emotion_label, emotion_score,
                urgency, urgency_reasons, service_function, service_triggers, simhash, cluster_id,
                case_status, assignee, first_reply_at, resolved_at, deadline_at)
            VALUES ($id, $state, $tokens, $label, $score, $positive, $model, $dictionary, $at, $time, $account, $sourceKind, $author,
                $topic, $topicScore, $emotion, $emotionScore, $urgency, $reasons, $service, $triggers, $simhash, $cluster,
                $caseStatus, $assignee, $replied, $resolved, $deadline);
            """;
        var a = Parameters(
            analysis, "$id", "$state", "$tokens", "$label", "$score", "$positive", "$model", "$dictionary", "$at", "$time", "$account",
            "$sourceKind", "$author", "$topic", "$topicScore", "$emotion", "$emotionScore", "$urgency", "$reasons", "$service", "$triggers",
            "$simhash", "$cluster", "$caseStatus", "$assignee", "$replied", "$resolved", "$deadline");
        var aggregates = new SqliteAggregateWriter(connection, transaction);
        var created = 0;
        var total = 0;
        foreach (var item in items)
        {
            total++;
            var msg = item.Message;
            var id = nextId;
            var time = msg.Time.ToUnixTimeMilliseconds();
            SetAll(m, id, msg.SourceKind, msg.SourceId, msg.Account, msg.Author, time, msg.Kind, msg.Title, msg.Text, msg.Url, msg.ParentId,
                item.ReceivedAt.ToUnixTimeMilliseconds(), CaseNumber.For(item.ReceivedAt, id));
            if (await message.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                continue;
            }

            nextId++;
            created++;
            var result = item.Analysis;
            var analysable = !string.IsNullOrWhiteSpace(msg.Text) && !msg.Kind.StartsWith("event", StringComparison.Ordinal);
            var isCase = analysable && SqliteMessageStore.CitizenSources.Contains(msg.SourceKind);
            var tokens = result is null ? null : string.Join(' ', result.Tokens);
            SetAll(a, id, result is not null ? "done" : analysable ? "pending" : "skipped", tokens, result?.Sentiment.Label, result?.Sentiment.Score,
                result?.Sentiment.PositiveProbability, result?.ModelVersion, result?.DictionaryVersion, result?.AnalysedAt.ToUnixTimeMilliseconds(),
                time, msg.Account, msg.SourceKind, msg.Author, null, null, null, null, null, null, null, null, null, null,
                isCase ? CaseStatus(item) : null, item.Assignee, item.RepliedAt?.ToUnixTimeMilliseconds(), item.ResolvedAt?.ToUnixTimeMilliseconds(),
                isCase ? (msg.Time + SqliteMessageStore.ReplyWindow).ToUnixTimeMilliseconds() : null);
            if (result is not null)
            {
                SqliteAnalysisColumns.Bind(result, a[13], a[14], a[15], a[16], a[17], a[18], a[19], a[20], a[21], a[22]);
                aggregates.Add(new AggregateRow(id, time, msg.Account, msg.SourceKind, result.Sentiment.Label, result.Topic?.Label, result.Emotion?.Label, tokens, result.ServiceFunction?.Label), 1);
            }

            await analysis.ExecuteNonQueryAsync(cancellationToken);
            if (aggregates.Pending > 500_000)
            {
                await aggregates.FlushAsync(cancellationToken);
            }
        }

        await aggregates.FlushAsync(cancellationToken);
        await Execute(connection, transaction, SqliteFullText.Rebuild + SqliteFullText.CreateTriggers, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Statistics for the planner, once, after the big change (PRAGMA optimize alone skips a fresh file).
        await Execute(connection, null, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        return new BatchOutcome(created, total - created);
    }

    private static string CaseStatus(BulkItem item) =>
        item.ResolvedAt is not null ? CaseState.Resolved
        : item.RepliedAt is not null ? CaseState.Replied
        : item.Assignee is not null ? CaseState.Assigned
        : CaseState.Open;

    private static SqliteParameter[] Parameters(SqliteCommand command, params string[] names) =>
        [.. names.Select(n => command.Parameters.Add(new SqliteParameter { ParameterName = n }))];

    private static void SetAll(SqliteParameter[] parameters, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    private static async Task Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
