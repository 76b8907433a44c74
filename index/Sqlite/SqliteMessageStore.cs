using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Monitor.Ingest;

namespace Monitor.Index.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Writes from this process go through one gate and an IMMEDIATE
/// transaction so concurrent deliveries never race on the dedup key; other processes wait on SQLite's busy timeout.
/// </summary>
internal sealed partial class SqliteMessageStore : IMessageStore, IDisposable
{
    /// <summary>How long a pipeline run owns the messages it took before another run may take them again.</summary>
    private static readonly TimeSpan AnalysisLease = TimeSpan.FromMinutes(5);

    /// <summary>The WeChat customer-service window: a citizen's message can be answered for 48 hours.</summary>
    internal static readonly TimeSpan ReplyWindow = TimeSpan.FromHours(48);

    /// <summary>Sources whose messages are citizens writing to the account: each opens a case for the responders.</summary>
    /// <summary>
    /// How many saved messages a keyword fold takes at once: the more, the more each (block, keyword) upsert is shared,
    /// but the fold holds the write lock while it runs (bench/README.md, end to end).
    /// </summary>
    internal const int KeywordFoldChunk = 16_384;

    /// <summary>How long an idle pipeline leaves the last saved messages queued before folding them (queries stay exact meanwhile).</summary>
    internal static readonly TimeSpan KeywordFoldDelay = TimeSpan.FromSeconds(10);

    internal static readonly IReadOnlySet<string> CitizenSources = SealedMessages.CitizenSources;

    private readonly string _connectionString;
    private readonly SqliteWriteGate _writeGate = new();

    private readonly int _keywordFoldChunk;

    public SqliteMessageStore(string databasePath)
        : this(databasePath, KeywordFoldChunk)
    {
    }

    /// <summary>With another fold size than <see cref="KeywordFoldChunk"/> (the benchmark compares them).</summary>
    internal SqliteMessageStore(string databasePath, int keywordFoldChunk)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keywordFoldChunk, 1);
        _keywordFoldChunk = keywordFoldChunk;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connectionString = SqliteConnections.ConnectionString(databasePath);
        using var connection = Open();
        SqliteSchema.Apply(connection);
    }

    public string DatabasePath => new SqliteConnectionStringBuilder(_connectionString).DataSource;

    public async Task<IngestOutcome> IngestAsync(RawDelivery delivery, Message? message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return (await IngestManyAsync([(delivery, message)], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<IngestOutcome>> IngestManyAsync(
        IReadOnlyList<(RawDelivery Delivery, Message? Message)> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        return await WriteAsync(async (connection, transaction) =>
        {
            var outcomes = new List<IngestOutcome>(deliveries.Count);
            await using var writer = new SqliteMessageWriter(connection, transaction);
            foreach (var (delivery, message) in deliveries)
            {
                outcomes.Add(await IngestOneAsync(writer, delivery, message, cancellationToken));
            }

            return outcomes;
        }, cancellationToken, delivery: true);
    }

    private static async Task<IngestOutcome> IngestOneAsync(
        SqliteMessageWriter writer, RawDelivery delivery, Message? message, CancellationToken cancellationToken)
    {
        var status = message is null ? "rejected" : "stored";
        var deliveryId = await writer.InsertDeliveryAsync(delivery, status, cancellationToken);
        if (message is null)
        {
            return new IngestOutcome(deliveryId, null, false, null);
        }

        var upsert = await writer.UpsertMessageAsync(message, delivery.ReceivedAt, cancellationToken);
        await writer.LinkDeliveryAsync(deliveryId, upsert.Id, upsert.Created, cancellationToken);

        return new IngestOutcome(deliveryId, upsert.Id, upsert.Created, upsert.CaseNumber);
    }

    public async Task<BatchOutcome> IngestBatchAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return await WriteAsync(async (connection, transaction) =>
        {
            var created = 0;
            var receivedAt = DateTimeOffset.UtcNow;
            await using var writer = new SqliteMessageWriter(connection, transaction);
            foreach (var message in messages)
            {
                var upsert = await writer.UpsertMessageAsync(message, receivedAt, cancellationToken);
                if (upsert.Created)
                {
                    created++;
                }
            }

            return new BatchOutcome(created, messages.Count - created);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<PendingAnalysis>> TakePendingAnalysesAsync(int max, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            // Taking a message leases it, so a second process running the pipeline does not analyse it as well.
            command.CommandText = """
                UPDATE analyses SET due_at = $lease, attempts = attempts + 1
                WHERE message_id IN (
                    SELECT message_id FROM analyses
                    WHERE state IN ('pending', 'failed') AND due_at <= $now
                    ORDER BY due_at, message_id LIMIT $max)
                RETURNING message_id, attempts, (SELECT text FROM messages WHERE id = message_id);
                """;
            command.Parameters.AddWithValue("$lease", (now + AnalysisLease).ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            var taken = new List<PendingAnalysis>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    taken.Add(new PendingAnalysis(reader.GetInt64(0), reader.GetString(2), reader.GetInt32(1)));
                }
            }

            taken.Sort((a, b) => a.MessageId.CompareTo(b.MessageId));
            return taken;
        }, cancellationToken, derived: true);
    }

    public async Task SaveAnalysesAsync(IReadOnlyList<AnalysisResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var queued = await WriteAsync(async (connection, transaction) =>
        {
            // The daily counts are written with the batch; the keyword blocks only for an earlier analysis already
            // folded into them (taken out again), the new keywords are queued for the next fold (SqliteKeywordBacklog).
            var aggregates = new SqliteAggregateWriter(connection, transaction, AggregateParts.Counts);
            var folded = new SqliteAggregateWriter(connection, transaction, AggregateParts.KeywordBlocks);
            var queue = new List<(long Id, long Time, long QueuedAt)>(results.Count);
            await using var previous = connection.CreateCommand();
            previous.Transaction = transaction;
            previous.CommandText = """
                SELECT message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function,
                    EXISTS (SELECT 1 FROM term_backlog b WHERE b.message_id = analyses.message_id)
                FROM analyses WHERE message_id = $id AND sentiment_label IS NOT NULL;
                """;
            var previousId = previous.Parameters.Add("$id", SqliteType.Integer);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE analyses SET state = 'done', error = NULL, tokens = $tokens, sentiment_label = $label,
                    sentiment_score = $score, sentiment_positive = $positive, model_version = $model,
                    dictionary_version = $dictionary, analysed_at = $at,
                    topic_label = $topic, topic_score = $topicScore, emotion_label = $emotion, emotion_score = $emotionScore,
                    urgency = $urgency, urgency_reasons = $reasons, service_function = $service, service_triggers = $triggers,
                    simhash = $simhash, cluster_id = $cluster
                WHERE message_id = $id
                RETURNING message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function;
                """;
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var tokens = command.Parameters.Add("$tokens", SqliteType.Text);
            var label = command.Parameters.Add("$label", SqliteType.Text);
            var score = command.Parameters.Add("$score", SqliteType.Real);
            var positive = command.Parameters.Add("$positive", SqliteType.Real);
            var model = command.Parameters.Add("$model", SqliteType.Text);
            var dictionary = command.Parameters.Add("$dictionary", SqliteType.Text);
            var at = command.Parameters.Add("$at", SqliteType.Integer);
            var topic = command.Parameters.Add("$topic", SqliteType.Text);
            var topicScore = command.Parameters.Add("$topicScore", SqliteType.Real);
            var emotion = command.Parameters.Add("$emotion", SqliteType.Text);
            var emotionScore = command.Parameters.Add("$emotionScore", SqliteType.Real);
            var urgency = command.Parameters.Add("$urgency", SqliteType.Integer);
            var reasons = command.Parameters.Add("$reasons", SqliteType.Text);
            var service = command.Parameters.Add("$service", SqliteType.Text);
            var triggers = command.Parameters.Add("$triggers", SqliteType.Text);
            var simhash = command.Parameters.Add("$simhash", SqliteType.Integer);
            var cluster = command.Parameters.Add("$cluster", SqliteType.Integer);
            foreach (var result in results)
            {
                previousId.Value = result.MessageId;
                await using (var reader = await previous.ExecuteReaderAsync(cancellationToken))
                {
                    if (await reader.ReadAsync(cancellationToken))
                    {
                        var old = SqliteAggregateWriter.Read(reader, 0);
                        aggregates.Add(old, -1);
                        if (!reader.GetBoolean(9))
                        {
                            folded.Add(old, -1);
                        }
                    }
                }

                id.Value = result.MessageId;
                tokens.Value = string.Join(' ', result.Tokens);
                label.Value = result.Sentiment.Label;
                score.Value = result.Sentiment.Score;
                positive.Value = result.Sentiment.PositiveProbability;
                model.Value = result.ModelVersion;
                dictionary.Value = result.DictionaryVersion;
                at.Value = result.AnalysedAt.ToUnixTimeMilliseconds();
                SqliteAnalysisColumns.Bind(result, topic, topicScore, emotion, emotionScore, urgency, reasons, service, triggers, simhash, cluster);
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    if (await reader.ReadAsync(cancellationToken))
                    {
                        var row = SqliteAggregateWriter.Read(reader, 0);
                        aggregates.Add(row, 1);
                        queue.Add((row.MessageId, row.Time, result.AnalysedAt.ToUnixTimeMilliseconds()));
                    }
                }
            }

            await aggregates.FlushAsync(cancellationToken);
            await folded.FlushAsync(cancellationToken);
            await SqliteKeywordBacklog.EnqueueAsync(connection, transaction, queue, cancellationToken);
            return (await SqliteKeywordBacklog.StateAsync(connection, transaction, cancellationToken)).Count;
        }, cancellationToken, derived: true);

        // A full chunk waits: fold it now, in its own transaction (a crash between the two loses nothing, the queue stays).
        while (queued >= _keywordFoldChunk)
        {
            var folded = await FoldKeywordChunkAsync(cancellationToken);
            queued = folded == _keywordFoldChunk ? queued - folded : 0;
        }
    }

    public async Task<int> FoldKeywordsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(cancellationToken))
        {
            var (count, oldest) = await SqliteKeywordBacklog.StateAsync(connection, null, cancellationToken);
            if (count == 0 || oldest > (now - KeywordFoldDelay).ToUnixTimeMilliseconds())
            {
                return 0;
            }
        }

        var total = 0;
        int folded;
        do
        {
            folded = await FoldKeywordChunkAsync(cancellationToken);
            total += folded;
        }
        while (folded == _keywordFoldChunk);
        return total;
    }

    private Task<int> FoldKeywordChunkAsync(CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => SqliteKeywordBacklog.FoldAsync(connection, transaction, _keywordFoldChunk, cancellationToken), cancellationToken, derived: true);

    public async Task RecordAnalysisFailureAsync(long messageId, string reason, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(delivery: false, cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE analyses SET state = 'failed', error = $error, due_at = $due WHERE message_id = $id;";
            command.Parameters.AddWithValue("$error", reason);
            command.Parameters.AddWithValue("$due", retryAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", messageId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task<IReadOnlyList<StoredMessage>> LatestAsync(int count, long? afterId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StoredMessageReader.Select + " WHERE m.id > $after ORDER BY m.id DESC LIMIT $count;";
        command.Parameters.AddWithValue("$after", afterId ?? 0);
        command.Parameters.AddWithValue("$count", count);
        var list = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(StoredMessageReader.Read(reader));
        }

        return list;
    }

    public async Task<StoredMessage?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StoredMessageReader.Select + " WHERE m.id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? StoredMessageReader.Read(reader) : null;
    }

    public async IAsyncEnumerable<StoredMessage> ExportAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = StoredMessageReader.Select + " ORDER BY m.id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return StoredMessageReader.Read(reader);
        }
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT count(*) FROM messages), (SELECT count(*) FROM deliveries),
                   (SELECT count(*) FROM deliveries WHERE status = 'rejected'),
                   (SELECT count(*) FROM analyses WHERE state = 'pending'),
                   (SELECT count(*) FROM analyses WHERE state = 'done'),
                   (SELECT count(*) FROM analyses WHERE state = 'failed');
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
    }

    public async Task<int> ErasePersonAsync(string pseudonym, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(pseudonym);
        var replacement = "x_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(10));
        return await WriteAsync(async (connection, transaction) =>
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE deliveries SET body = X'', reason = 'erased on the person''s request'
                WHERE message_id IN (SELECT id FROM messages WHERE author = $p);
                UPDATE messages SET source_id = replace(source_id, $p, $x)
                WHERE author = $p AND kind LIKE 'event%';
                UPDATE messages SET author = $x WHERE author = $p;
                """;
            command.Parameters.AddWithValue("$p", pseudonym);
            command.Parameters.AddWithValue("$x", replacement);
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = "SELECT changes();";
            var erased = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return erased;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<QuarantinedDelivery> QuarantineAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, channel, received_at, query, reason, body FROM deliveries WHERE status = 'rejected' ORDER BY id;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new QuarantinedDelivery(
                reader.GetInt64(0),
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? string.Empty : reader.GetString(4),
                (byte[])reader[5]);
        }
    }

    public async Task<IngestOutcome> ReleaseAsync(long deliveryId, Message message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await WriteAsync(async (connection, transaction) =>
        {
            DateTimeOffset receivedAt;
            await using (var find = connection.CreateCommand())
            {
                find.Transaction = transaction;
                find.CommandText = "SELECT received_at FROM deliveries WHERE id = $d AND status = 'rejected';";
                find.Parameters.AddWithValue("$d", deliveryId);
                var found = await find.ExecuteScalarAsync(cancellationToken);
                if (found is null)
                {
                    throw new InvalidOperationException($"delivery {deliveryId} is not in quarantine");
                }

                receivedAt = DateTimeOffset.FromUnixTimeMilliseconds((long)found);
            }

            await using var writer = new SqliteMessageWriter(connection, transaction);
            var upsert = await writer.UpsertMessageAsync(message, receivedAt, cancellationToken);
            await using (var link = connection.CreateCommand())
            {
                link.Transaction = transaction;
                link.CommandText = "UPDATE deliveries SET message_id = $m, status = $s, reason = 'released: ' || coalesce(reason, '') WHERE id = $d;";
                link.Parameters.AddWithValue("$m", upsert.Id);
                link.Parameters.AddWithValue("$s", upsert.Created ? "stored" : "duplicate");
                link.Parameters.AddWithValue("$d", deliveryId);
                await link.ExecuteNonQueryAsync(cancellationToken);
            }

            return new IngestOutcome(deliveryId, upsert.Id, upsert.Created, upsert.CaseNumber);
        }, cancellationToken);
    }

    public async IAsyncEnumerable<(long MessageId, NearDuplicate NearDuplicate)> NearDuplicatesAsync(
        DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT message_id, simhash, cluster_id FROM analyses WHERE simhash IS NOT NULL AND time >= $since ORDER BY message_id;";
        command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetInt64(0), new NearDuplicate(unchecked((ulong)reader.GetInt64(1)), reader.GetInt64(2)));
        }
    }

    public void Dispose()
    {
        // Nothing to free: connections are per call and pooled; the write gate holds no handle.
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one IMMEDIATE transaction behind this process's write gate and commits it, so
    /// writers from this process never race on a key and other processes wait for the lock (<see cref="SqliteBusyWait"/>).
    /// <paramref name="derived"/>: the rows can be computed again from durable ones, so the commit need not wait for the
    /// disk (<see cref="SqliteConnections.SyncLikeDerivedData"/>); what is acknowledged to anyone stays FULL.
    /// <paramref name="delivery"/>: a group commit of deliveries, which goes ahead of the writers waiting (<see cref="SqliteWriteGate"/>).
    /// </summary>
    private async Task<T> WriteAsync<T>(
        Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken, bool derived = false, bool delivery = false)
    {
        await _writeGate.WaitAsync(delivery, cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            if (derived)
            {
                SqliteConnections.SyncLikeDerivedData(connection);
            }

            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Task<bool> WriteAsync(
        Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken cancellationToken, bool derived = false) =>
        WriteAsync<bool>(
            async (connection, transaction) =>
            {
                await work(connection, transaction);
                return true;
            },
            cancellationToken,
            derived);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        SqliteConnections.Configure(connection);
        return connection;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => SqliteConnections.OpenAsync(_connectionString, cancellationToken);
}
