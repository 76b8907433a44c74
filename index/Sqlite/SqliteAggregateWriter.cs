using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;

namespace Monitor.Index.Sqlite;

/// <summary>
/// Keeps <c>daily_counts</c>, <c>term_blocks</c> and <c>account_term_blocks</c> (see <see cref="DayBlocks"/>) in step with the
/// analyses, inside the caller's transaction.
/// Additions are summed in memory and written by <see cref="FlushAsync"/>, so a bulk load of a million messages
/// issues one upsert per (day, term), not one per token. Which aggregates a writer keeps is its
/// <see cref="AggregateParts"/>: the pipeline's save keeps the counts and leaves the keyword blocks to
/// <see cref="SqliteKeywordBacklog"/>, which folds many saved messages at once.
/// </summary>
internal sealed class SqliteAggregateWriter
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly Dictionary<(long Day, string Dim, string Value, string Account, string SourceKind), long> _counts = [];
    private readonly Dictionary<(long Day, int Term), long> _terms = [];
    private readonly Dictionary<(string Account, long Day, int Term), long> _accountTerms = [];

    /// <summary>Each token seen, as the index of its text in <see cref="_termNames"/>, or -1 when it is no keyword.</summary>
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly List<string> _termNames = [];
    private readonly HashSet<int> _messageTerms = [];
    private readonly Dictionary<long, (long Min, long Max)> _dayIds = [];

    private readonly AggregateParts _parts;

    /// <summary>Keywords as they are (the JSON only carries them to json_each), not as \u escapes.</summary>
    private static readonly System.Text.Json.JsonWriterOptions RawText = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public SqliteAggregateWriter(SqliteConnection connection, SqliteTransaction transaction, AggregateParts parts = AggregateParts.All)
    {
        _connection = connection;
        _transaction = transaction;
        _parts = parts;
    }

    public int Pending => _terms.Count + _accountTerms.Count + _counts.Count + _dayIds.Count;

    /// <summary>Adds (<paramref name="sign"/> 1) or removes (-1) one analysed message.</summary>
    public void Add(AggregateRow row, int sign)
    {
        var day = ChinaTime.Day(row.Time);
        if (_parts.HasFlag(AggregateParts.Counts))
        {
            if (sign > 0)
            {
                // Only widened, never narrowed on removal: a bound that is too wide is still a correct bound.
                _dayIds[day] = _dayIds.TryGetValue(day, out var ids) ? (Math.Min(ids.Min, row.MessageId), Math.Max(ids.Max, row.MessageId)) : (row.MessageId, row.MessageId);
            }

            AddCount(day, "sentiment", row.Sentiment, row, sign);
            AddCount(day, "topic", row.Topic, row, sign);
            AddCount(day, "emotion", row.Emotion, row, sign);
        }

        if ((_parts & (AggregateParts.Terms | AggregateParts.AccountTerms)) != 0)
        {
            AddTerms(row, day, sign);
        }
    }

    private void AddTerms(AggregateRow row, long day, int sign)
    {
        // A sealed message's words never reach a keyword count anyone sees (top keywords, hot topics, briefs); its
        // sentiment, topic and emotion still count in daily_counts, which say nothing of what was reported.
        if (!SealedMessages.IsSealed(row.SourceKind, row.ServiceFunction))
        {
            CountTerms(row, day, sign);
        }
    }

    private void CountTerms(AggregateRow row, long day, int sign)
    {
        if (row.Tokens is null)
        {
            return;
        }

        // A keyword counts once per message (document frequency), as the Elasticsearch terms aggregation counts it.
        // Tokens are looked up by span (no string per token) and each keyword kept as a small integer.
        var lookup = _tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
        var tokens = row.Tokens.AsSpan();
        _messageTerms.Clear();
        foreach (var range in tokens.Split(' '))
        {
            var token = tokens[range];
            if (token.IsEmpty)
            {
                continue;
            }

            if (!lookup.TryGetValue(token, out var id))
            {
                var text = token.ToString();
                id = KeywordTerms.IsKeyword(text) ? _termNames.Count : -1;
                if (id >= 0)
                {
                    _termNames.Add(text);
                }

                _tokenIds[text] = id;
            }

            if (id < 0 || !_messageTerms.Add(id))
            {
                continue;
            }

            if (_parts.HasFlag(AggregateParts.Terms))
            {
                var key = (day, id);
                _terms[key] = _terms.GetValueOrDefault(key) + sign;
            }

            if (_parts.HasFlag(AggregateParts.AccountTerms))
            {
                var accountKey = (row.Account, day, id);
                _accountTerms[accountKey] = _accountTerms.GetValueOrDefault(accountKey) + sign;
            }
        }
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_dayIds.Count > 0)
        {
            await using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """
                INSERT INTO day_ids (day, min_id, max_id) VALUES ($day, $min, $max)
                ON CONFLICT DO UPDATE SET min_id = min(min_id, excluded.min_id), max_id = max(max_id, excluded.max_id);
                """;
            var day = command.Parameters.Add("$day", SqliteType.Integer);
            var min = command.Parameters.Add("$min", SqliteType.Integer);
            var max = command.Parameters.Add("$max", SqliteType.Integer);
            foreach (var (d, (lo, hi)) in _dayIds)
            {
                (day.Value, min.Value, max.Value) = (d, lo, hi);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            _dayIds.Clear();
        }

        if (_counts.Count > 0)
        {
            await using var command = _connection.CreateCommand();
            command.Transaction = _transaction;
            command.CommandText = """
                INSERT INTO daily_counts (day, dim, value, account, source_kind, n) VALUES ($day, $dim, $value, $account, $source, $n)
                ON CONFLICT DO UPDATE SET n = n + excluded.n;
                """;
            var day = command.Parameters.Add("$day", SqliteType.Integer);
            var dim = command.Parameters.Add("$dim", SqliteType.Text);
            var value = command.Parameters.Add("$value", SqliteType.Text);
            var account = command.Parameters.Add("$account", SqliteType.Text);
            var source = command.Parameters.Add("$source", SqliteType.Text);
            var n = command.Parameters.Add("$n", SqliteType.Integer);
            foreach (var ((d, dm, v, a, s), count) in _counts)
            {
                (day.Value, dim.Value, value.Value, account.Value, source.Value, n.Value) = (d, dm, v, a, s, count);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            _counts.Clear();
        }

        if (_terms.Count > 0)
        {
            // Sum the days into their blocks first: one upsert per (block, term), not per (day, term, level).
            var blocks = new Dictionary<(long Account, int Level, long Block, int Term), long>();
            foreach (var ((d, t), count) in _terms)
            {
                AddToBlocks(blocks, 0, d, t, count, DayBlocks.AllAccountLevels);
            }

            await WriteBlocksAsync(
                """
                INSERT INTO term_blocks (level, block, term, n)
                SELECT value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each($rows) WHERE true
                ON CONFLICT DO UPDATE SET n = n + excluded.n;
                """,
                blocks,
                cancellationToken);
            _terms.Clear();
        }

        if (_accountTerms.Count > 0)
        {
            var accountIds = await AccountIdsAsync(_accountTerms.Keys.Select(k => k.Account).Distinct(StringComparer.Ordinal), cancellationToken);
            var blocks = new Dictionary<(long Account, int Level, long Block, int Term), long>();
            foreach (var ((a, d, t), count) in _accountTerms)
            {
                AddToBlocks(blocks, accountIds[a], d, t, count, DayBlocks.AccountLevels);
            }

            await WriteBlocksAsync(
                """
                INSERT INTO account_term_blocks (account_id, level, block, term, n)
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 FROM json_each($rows) WHERE true
                ON CONFLICT DO UPDATE SET n = n + excluded.n;
                """,
                blocks,
                cancellationToken);
            _accountTerms.Clear();
        }
    }

    /// <summary>The small integer that stands for an account in <c>account_term_blocks</c> (a name in every row costs 14 bytes a row).</summary>
    public static async Task<long?> AccountIdAsync(SqliteConnection connection, SqliteTransaction? transaction, string account, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM term_accounts WHERE account = $account;";
        command.Parameters.AddWithValue("$account", account);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private async Task<Dictionary<string, long>> AccountIdsAsync(IEnumerable<string> accounts, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = "INSERT INTO term_accounts (account) VALUES ($account) ON CONFLICT DO NOTHING;";
        var account = command.Parameters.Add("$account", SqliteType.Text);
        foreach (var name in accounts)
        {
            account.Value = name;
            await command.ExecuteNonQueryAsync(cancellationToken);
            ids[name] = (await AccountIdAsync(_connection, _transaction, name, cancellationToken))!.Value;
        }

        return ids;
    }

    private static void AddToBlocks(
        Dictionary<(long Account, int Level, long Block, int Term), long> blocks, long account, long day, int term, long count, IReadOnlyList<int> levels)
    {
        foreach (var (l, b) in DayBlocks.Containing(day, levels))
        {
            var key = (account, l, b, term);
            blocks[key] = blocks.GetValueOrDefault(key) + count;
        }
    }

    private async Task WriteBlocksAsync(string sql, Dictionary<(long Account, int Level, long Block, int Term), long> blocks, CancellationToken cancellationToken)
    {
        // In key order, so the upserts walk the primary key's b-tree forward instead of jumping around it: terms by
        // their rank in ordinal order (UTF-16 order is SQLite's UTF-8 byte order outside surrogate pairs).
        var ranks = new int[_termNames.Count];
        var byName = Enumerable.Range(0, _termNames.Count).ToArray();
        Array.Sort(byName, (x, y) => string.CompareOrdinal(_termNames[x], _termNames[y]));
        for (var i = 0; i < byName.Length; i++)
        {
            ranks[byName[i]] = i;
        }

        var ordered = blocks.Where(k => k.Value != 0).Select(k => (k.Key, Count: k.Value)).ToArray();
        Array.Sort(ordered, (x, y) =>
        {
            var c = x.Key.Account.CompareTo(y.Key.Account);
            c = c != 0 ? c : x.Key.Level.CompareTo(y.Key.Level);
            c = c != 0 ? c : x.Key.Block.CompareTo(y.Key.Block);
            return c != 0 ? c : ranks[x.Key.Term].CompareTo(ranks[y.Key.Term]);
        });

        await using var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        var rows = command.Parameters.Add("$rows", SqliteType.Text);
        // Many rows per statement (a JSON array read by json_each): one call per row cost as much as the upsert itself.
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        foreach (var chunk in ordered.Chunk(2048))
        {
            buffer.ResetWrittenCount();
            await using (var json = new System.Text.Json.Utf8JsonWriter(buffer, RawText))
            {
                json.WriteStartArray();
                foreach (var ((a, l, b, t), count) in chunk)
                {
                    json.WriteStartArray();
                    json.WriteNumberValue(a);
                    json.WriteNumberValue(l);
                    json.WriteNumberValue(b);
                    json.WriteStringValue(_termNames[t]);
                    json.WriteNumberValue(count);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            rows.Value = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Recomputes the aggregates from the analyses (after a migration that added one of them); with
    /// <paramref name="accountTermsOnly"/> only <c>account_term_blocks</c>, the one a schema-4 file lacks.
    /// </summary>
    public static async Task RebuildAsync(SqliteConnection connection, SqliteTransaction transaction, bool accountTermsOnly, CancellationToken cancellationToken)
    {
        await using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = accountTermsOnly
                ? "DELETE FROM account_term_blocks;"
                : "DELETE FROM daily_counts; DELETE FROM term_blocks; DELETE FROM account_term_blocks; DELETE FROM day_ids;";
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        var writer = new SqliteAggregateWriter(connection, transaction, accountTermsOnly ? AggregateParts.AccountTerms : AggregateParts.All);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // Row order (ids grow with arrival, so roughly by time): reading through the time index instead visits the
        // table's pages at random, which at a million rows is most of the cost.
        command.CommandText = """
            SELECT message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function
            FROM analyses WHERE sentiment_label IS NOT NULL;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            writer.Add(Read(reader, 0), 1);
            if (writer.Pending > 500_000)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Schema 6: takes out of the keyword blocks what sealed messages added before their words were left out. With
    /// <paramref name="accountBlocks"/> false only out of <c>term_blocks</c>: the per-account blocks of a file older than
    /// schema 5 were just rebuilt by the new rule. Counts that reach zero are dropped, as retention drops them.
    /// </summary>
    public static async Task SubtractSealedAsync(SqliteConnection connection, SqliteTransaction transaction, bool accountBlocks, CancellationToken cancellationToken)
    {
        var writer = new SqliteAggregateWriter(connection, transaction);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"""
                SELECT message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function
                FROM analyses a WHERE a.sentiment_label IS NOT NULL AND {SealedMessages.SqlCondition("a.")};
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = Read(reader, 0);
                writer.CountTerms(row, ChinaTime.Day(row.Time), -1);
                if (!accountBlocks)
                {
                    writer._accountTerms.Clear();
                }

                if (writer.Pending > 500_000)
                {
                    await writer.FlushAsync(cancellationToken);
                }
            }
        }

        await writer.FlushAsync(cancellationToken);
        await using var zeros = connection.CreateCommand();
        zeros.Transaction = transaction;
        zeros.CommandText = "DELETE FROM term_blocks WHERE n = 0; DELETE FROM account_term_blocks WHERE n = 0;";
        await zeros.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Reads (message_id, time, account, source_kind, sentiment_label, topic_label, emotion_label, tokens, service_function) from <paramref name="first"/> on.</summary>
    public static AggregateRow Read(SqliteDataReader reader, int first) => new(
        reader.GetInt64(first++),
        reader.GetInt64(first),
        reader.GetString(first + 1),
        reader.GetString(first + 2),
        reader.IsDBNull(first + 3) ? null : reader.GetString(first + 3),
        reader.IsDBNull(first + 4) ? null : reader.GetString(first + 4),
        reader.IsDBNull(first + 5) ? null : reader.GetString(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7));

    private void AddCount(long day, string dim, string? value, AggregateRow row, int sign)
    {
        if (value is null)
        {
            return;
        }

        var key = (day, dim, value, row.Account, row.SourceKind);
        _counts[key] = _counts.GetValueOrDefault(key) + sign;
    }
}

/// <summary>Which aggregates a <see cref="SqliteAggregateWriter"/> keeps.</summary>
[Flags]
internal enum AggregateParts
{
    /// <summary><c>daily_counts</c> and <c>day_ids</c>.</summary>
    Counts = 1,

    /// <summary><c>term_blocks</c>.</summary>
    Terms = 2,

    /// <summary><c>account_term_blocks</c>.</summary>
    AccountTerms = 4,

    KeywordBlocks = Terms | AccountTerms,
    All = Counts | Terms | AccountTerms,
}
