using System.Globalization;
using Microsoft.Data.Sqlite;
using Monitor.Index.Queries;

namespace Monitor.Index.Sqlite;

/// <summary>
/// The dashboard's questions on the embedded store. Every question reads the narrow analyses row (indexed, no join
/// to the million message texts) and joins messages only for the rows it returns; charts and keywords over whole
/// China-time days read the daily aggregates.
/// </summary>
internal sealed class SqliteMessageQueries : IMessageQueries
{
    /// <summary>How many full-text matches one search ranks at most before it moves to the next, older tier.</summary>
    internal const int DefaultSearchTier = 10_000;

    private readonly string _connectionString;
    private readonly int _searchTier;

    public SqliteMessageQueries(string databasePath, int searchTier = DefaultSearchTier)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(searchTier, 1);
        _connectionString = SqliteConnections.ConnectionString(databasePath);
        _searchTier = searchTier;
    }

    public async Task<IReadOnlyList<TimeCount>> CountOverTimeAsync(
        MessageFilter filter, TimeBucket bucket, CountSplit split, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var counts = new Dictionary<(long Start, string Value), long>();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var fromAggregates = bucket != TimeBucket.Hour && filter.OnlyScope && WholeDays(filter);
        var shift = bucket == TimeBucket.Week ? ChinaTime.OffsetMs + (3 * ChinaTime.DayMs) : ChinaTime.OffsetMs;
        if (fromAggregates)
        {
            command.CommandText = "SELECT day, value, sum(n) FROM daily_counts WHERE dim = $dim"
                + DayRange(filter, command) + ScopeClauses(filter, command) + " GROUP BY day, value HAVING sum(n) > 0;";
            command.Parameters.AddWithValue("$dim", split.ToString().ToLowerInvariant());
        }
        else
        {
            var column = Column(split);
            command.CommandText = $"""
                SELECT (a.time + {shift}) / {ChinaTime.Width(bucket)}, a.{column}, count(*) FROM analyses a {TimeIndex(filter)}
                WHERE a.sentiment_label IS NOT NULL AND a.{column} IS NOT NULL {SqliteFilter.Where(filter, command)}
                GROUP BY 1, 2;
                """;
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var start = fromAggregates
                ? ChinaTime.BucketStartMs(ChinaTime.DayStartMs(reader.GetInt64(0)), bucket)
                : (reader.GetInt64(0) * ChinaTime.Width(bucket)) - shift;
            var key = (start, reader.GetString(1));
            counts[key] = counts.GetValueOrDefault(key) + reader.GetInt64(2);
        }

        return [.. counts
            .OrderBy(c => c.Key.Start).ThenBy(c => c.Key.Value, StringComparer.Ordinal)
            .Select(c => new TimeCount(ChinaTime.ToChina(c.Key.Start), c.Key.Value, c.Value))];
    }

    public async Task<IReadOnlyList<TermCount>> TopKeywordsAsync(MessageFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = await TermCountsAsync(filter, top, cancellationToken);
        return [.. terms
            .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(top)
            .Select(t => new TermCount(t.Key, t.Value))];
    }

    public async Task<IReadOnlyList<HotTerm>> HotTopicsAsync(
        MessageFilter filter, DateTimeOffset baselineFrom, DateTimeOffset baselineTo, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var window = await TermCountsAsync(filter, null, cancellationToken);
        var baseline = await TermCountsAsync(filter with { From = baselineFrom, To = baselineTo }, null, cancellationToken);
        return LogLikelihood.Rank(window, baseline, top);
    }

    public async Task<IReadOnlyList<StoredMessage>> UrgentQueueAsync(MessageFilter filter, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {StoredMessageReader.Columns} FROM analyses a INDEXED BY analyses_queue JOIN messages m ON m.id = a.message_id
            WHERE a.case_rank < 3 {SqliteFilter.Where(filter, command)}
            ORDER BY a.case_rank, a.urgency DESC, a.deadline_at, a.message_id LIMIT $count;
            """;
        command.Parameters.AddWithValue("$count", count);
        return await ReadMessagesAsync(command, cancellationToken);
    }

    public async Task<SearchPage> SearchAsync(MessageFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        if (filter.KeywordTokens.Count == 0)
        {
            throw new ArgumentException("Search needs at least one word in MessageFilter.Keyword.", nameof(filter));
        }

        var after = SearchCursor.Parse(cursor);
        var match = SqliteFilter.MatchExpression(filter);
        await using var connection = await OpenAsync(cancellationToken);
        var (windowLow, windowHigh) = await WindowIdsAsync(connection, filter, cancellationToken);

        // BM25 within tiers of at most _searchTier matches, newest tier first (see IMessageQueries.SearchAsync): FTS5
        // has no top-k shortcut for ORDER BY rank, so ranking a word found in 50,000 messages scores all of them. A
        // tier is fixed by its id range, carried in the cursor, so the next page continues where this one stopped.
        (long Low, long High) tier = after is { TierLow: { } low, TierHigh: { } high }
            ? (low, high)
            : await TierAsync(connection, match, windowLow, windowHigh, cancellationToken);
        var position = after;
        var page = new List<(long Id, double Rank, long TierLow, long TierHigh)>();
        while (true)
        {
            page.AddRange(await RankAsync(connection, filter, match, tier, position, pageSize + 1 - page.Count, cancellationToken));
            if (page.Count > pageSize || tier.Low <= windowLow)
            {
                break;
            }

            tier = await TierAsync(connection, match, windowLow, tier.Low - 1, cancellationToken);
            position = null;
        }

        long total;
        await using (var command = connection.CreateCommand())
        {
            // Counting needs no rank: the matches' ids alone, joined to the filters when there are any.
            var where = SqliteFilter.Where(filter, command, includeKeyword: false);
            command.CommandText = where.Length == 0
                ? "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH $match;"
                : $"""
                    WITH hits AS MATERIALIZED (SELECT rowid AS id FROM messages_fts WHERE messages_fts MATCH $match AND rowid >= $low AND rowid <= $high)
                    SELECT count(*) FROM hits h JOIN analyses a ON a.message_id = h.id WHERE 1 = 1 {where};
                    """;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$low", windowLow);
            command.Parameters.AddWithValue("$high", windowHigh);
            total = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var more = page.Count > pageSize;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }

        if (page.Count == 0)
        {
            return new SearchPage([], total, null);
        }

        var ids = string.Join(',', page.Select(p => p.Id.ToString(CultureInfo.InvariantCulture)));
        var snippets = new Dictionary<long, string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT rowid, snippet(messages_fts, 0, $start, $end, '…', 24) FROM messages_fts WHERE messages_fts MATCH $match AND rowid IN ({ids});";
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$start", DisplayText.MarkStart.ToString());
            command.Parameters.AddWithValue("$end", DisplayText.MarkEnd.ToString());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                snippets[reader.GetInt64(0)] = reader.GetString(1);
            }
        }

        Dictionary<long, StoredMessage> messages;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"{StoredMessageReader.Select} WHERE m.id IN ({ids});";
            messages = (await ReadMessagesAsync(command, cancellationToken)).ToDictionary(m => m.Id);
        }

        var hits = page
            .Select(p => new SearchHit(messages[p.Id], -p.Rank, DisplayText.Snippet(snippets.GetValueOrDefault(p.Id, string.Empty))))
            .ToList();
        var last = page[^1];
        return new SearchPage(hits, total, more ? new SearchCursor(last.Rank, last.Id, last.TierLow, last.TierHigh).ToString() : null);
    }

    /// <summary>
    /// The lowest and highest message id the filter's time window can hold (from <c>day_ids</c>), or every id
    /// without a window. Ids grow with arrival, so the range is tight; the exact time filter still applies.
    /// </summary>
    private static async Task<(long Low, long High)> WindowIdsAsync(SqliteConnection connection, MessageFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is null && filter.To is null)
        {
            return (long.MinValue, long.MaxValue);
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(min(min_id), 0), coalesce(max(max_id), -1) FROM day_ids WHERE day >= $from AND day <= $to;";
        command.Parameters.AddWithValue("$from", filter.From is { } from ? ChinaTime.Day(from.ToUnixTimeMilliseconds()) : long.MinValue);
        command.Parameters.AddWithValue("$to", filter.To is { } to ? ChinaTime.Day(to.ToUnixTimeMilliseconds() - 1) : long.MaxValue);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>
    /// The newest tier at or below <paramref name="high"/>: from the <see cref="_searchTier"/>-th newest match down, or
    /// down to <paramref name="windowLow"/> when fewer matches are left (the last tier). Walking the match list by
    /// id costs a few milliseconds; no match is scored.
    /// </summary>
    private async Task<(long Low, long High)> TierAsync(
        SqliteConnection connection, string match, long windowLow, long high, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT rowid FROM messages_fts WHERE messages_fts MATCH $match AND rowid >= $low AND rowid <= $high
            ORDER BY rowid DESC LIMIT 1 OFFSET $skip;
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$low", windowLow);
        command.Parameters.AddWithValue("$high", high);
        command.Parameters.AddWithValue("$skip", _searchTier - 1);
        return await command.ExecuteScalarAsync(cancellationToken) is long lowest ? (lowest, high) : (windowLow, high);
    }

    /// <summary>
    /// The tier's matches that pass the filter, best BM25 first (ties by id), after <paramref name="position"/>. The
    /// matches are ranked alone first (MATERIALIZED): letting the planner drive the join from analyses with the
    /// filters and rank inside it is the slow plan (seconds at a million rows).
    /// </summary>
    private static async Task<List<(long Id, double Rank, long TierLow, long TierHigh)>> RankAsync(
        SqliteConnection connection, MessageFilter filter, string match, (long Low, long High) tier, SearchCursor? position, int count, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var where = SqliteFilter.Where(filter, command, includeKeyword: false);
        var join = where.Length == 0 ? string.Empty : "JOIN analyses a ON a.message_id = h.id";
        if (position is { } p)
        {
            where += " AND (h.r > $afterRank OR (h.r = $afterRank AND h.id > $afterId))";
            command.Parameters.AddWithValue("$afterRank", p.Score);
            command.Parameters.AddWithValue("$afterId", p.Id);
        }

        command.CommandText = $"""
            WITH hits AS MATERIALIZED (SELECT rowid AS id, rank AS r FROM messages_fts WHERE messages_fts MATCH $match AND rowid >= $low AND rowid <= $high)
            SELECT h.id, h.r FROM hits h {join} WHERE 1 = 1 {where} ORDER BY h.r, h.id LIMIT $n;
            """;
        command.Parameters.AddWithValue("$match", match);
        command.Parameters.AddWithValue("$low", tier.Low);
        command.Parameters.AddWithValue("$high", tier.High);
        command.Parameters.AddWithValue("$n", count);
        var ranked = new List<(long, double, long, long)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ranked.Add((reader.GetInt64(0), reader.GetDouble(1), tier.Low, tier.High));
        }

        return ranked;
    }

    public async Task<IReadOnlyList<StoredMessage>> ThreadAsync(string author, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{StoredMessageReader.Select} WHERE a.author = $author ORDER BY a.time, a.message_id LIMIT $max;";
        command.Parameters.AddWithValue("$author", author);
        command.Parameters.AddWithValue("$max", max);
        return await ReadMessagesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredMessage>> ClusterAsync(long clusterId, int max, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"{StoredMessageReader.Select} WHERE a.cluster_id = $cluster ORDER BY a.time, a.message_id LIMIT $max;";
        command.Parameters.AddWithValue("$cluster", clusterId);
        command.Parameters.AddWithValue("$max", max);
        return await ReadMessagesAsync(command, cancellationToken);
    }

    public async Task<Scorecard> ScorecardAsync(
        string account, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await SqliteScorecard.ReadAsync(connection, account, windowStart, windowEnd, asOf, cancellationToken);
    }

    /// <summary>Keyword counts of the filter's messages; <paramref name="top"/> limits the read when aggregates answer.</summary>
    private async Task<Dictionary<string, long>> TermCountsAsync(MessageFilter filter, int? top, CancellationToken cancellationToken)
    {
        var terms = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = await OpenAsync(cancellationToken);
        if (!filter.OnlyScope || filter.SourceKind is not null || !WholeDays(filter))
        {
            await AddTokenCountsAsync(connection, filter, terms, cancellationToken);
            return terms;
        }

        // Whole days of all accounts or of one account: the keyword blocks answer (see DayBlocks), with the tokens of
        // a day at either end no kept block covers, and those of the messages still queued for the blocks
        // (SqliteKeywordBacklog) in the blocks' days.
        var (fromDay, toDay) = await DaySpanAsync(connection, filter, cancellationToken);
        var levels = filter.Account is null ? DayBlocks.AllAccountLevels : DayBlocks.AccountLevels;
        var cover = DayBlocks.Cover(fromDay, toDay, levels);
        var blocks = cover.Where(b => DayBlocks.IsKept(b, levels)).ToList();
        var edges = DayRanges(cover.Where(b => !DayBlocks.IsKept(b, levels)));
        var blockDays = DayRanges(blocks);
        var queued = await QueuedInAsync(connection, blockDays, cancellationToken);
        if (filter.Account is null)
        {
            // A top-N cut of the blocks alone is exact only when nothing else is added.
            await AddBlockCountsAsync(connection, "term_blocks", null, blocks, queued || edges.Count > 0 ? null : top, terms, cancellationToken);
        }
        else if (blocks.Count > 0 && await SqliteAggregateWriter.AccountIdAsync(connection, null, filter.Account, cancellationToken) is { } accountId)
        {
            await AddBlockCountsAsync(connection, "account_term_blocks", accountId, blocks, null, terms, cancellationToken);
        }

        if (queued)
        {
            await AddQueuedTokenCountsAsync(connection, filter, blockDays, terms, cancellationToken);
        }

        foreach (var (first, end) in edges)
        {
            var edge = filter with { From = ChinaTime.ToChina(ChinaTime.DayStartMs(first)), To = ChinaTime.ToChina(ChinaTime.DayStartMs(end)) };
            await AddTokenCountsAsync(connection, edge, terms, cancellationToken);
        }

        return terms;
    }

    /// <summary>The day ranges [first, end) of <paramref name="blocks"/> (in day order), neighbours merged.</summary>
    private static List<(long First, long End)> DayRanges(IEnumerable<(int Level, long Block)> blocks)
    {
        var ranges = new List<(long First, long End)>();
        foreach (var (level, block) in blocks)
        {
            var (first, end) = (block << level, (block + 1) << level);
            if (ranges.Count > 0 && ranges[^1].End == first)
            {
                ranges[^1] = (ranges[^1].First, end);
            }
            else
            {
                ranges.Add((first, end));
            }
        }

        return ranges;
    }

    /// <summary>Adds the keyword counts of <paramref name="blocks"/>; <paramref name="top"/> limits the read to the most frequent.</summary>
    private static async Task AddBlockCountsAsync(
        SqliteConnection connection, string table, long? accountId, List<(int Level, long Block)> blocks, int? top, Dictionary<string, long> terms, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        var account = accountId is null ? string.Empty : "account_id = $account AND ";
        command.Parameters.AddWithValue("$account", accountId ?? 0);
        var parts = new List<string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            parts.Add($"SELECT term, n FROM {table} WHERE {account}level = $l{i} AND block = $b{i}");
            command.Parameters.AddWithValue($"$l{i}", blocks[i].Level);
            command.Parameters.AddWithValue($"$b{i}", blocks[i].Block);
        }

        command.CommandText = $"SELECT term, sum(n) AS c FROM ({string.Join(" UNION ALL ", parts)}) GROUP BY term HAVING c > 0"
            + (top is null ? ";" : " ORDER BY c DESC, term LIMIT $top;");
        command.Parameters.AddWithValue("$top", top ?? 0);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var term = reader.GetString(0);
            terms[term] = terms.GetValueOrDefault(term) + reader.GetInt64(1);
        }
    }

    /// <summary>Whether any message queued for the keyword blocks lies in the day ranges (a look at a small table).</summary>
    private static async Task<bool> QueuedInAsync(SqliteConnection connection, List<(long First, long End)> days, CancellationToken cancellationToken)
    {
        foreach (var (first, end) in days)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM term_backlog WHERE time >= $from AND time < $to);";
            command.Parameters.AddWithValue("$from", ChinaTime.DayStartMs(first));
            command.Parameters.AddWithValue("$to", ChinaTime.DayStartMs(end));
            if ((long)(await command.ExecuteScalarAsync(cancellationToken))! != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the keyword counts of the filter's messages in the day ranges that are still queued for the keyword blocks.</summary>
    private static async Task AddQueuedTokenCountsAsync(
        SqliteConnection connection, MessageFilter filter, List<(long First, long End)> days, Dictionary<string, long> terms, CancellationToken cancellationToken)
    {
        foreach (var (first, end) in days)
        {
            var range = filter with { From = ChinaTime.ToChina(ChinaTime.DayStartMs(first)), To = ChinaTime.ToChina(ChinaTime.DayStartMs(end)) };
            await AddTokenCountsAsync(connection, range, terms, cancellationToken, queuedOnly: true);
        }
    }

    /// <summary>
    /// Adds the keyword counts of the filter's messages, read from their tokens; with <paramref name="queuedOnly"/> only
    /// those of the messages queued for the keyword blocks (SqliteKeywordBacklog), the filter's window required.
    /// </summary>
    private static async Task AddTokenCountsAsync(
        SqliteConnection connection, MessageFilter filter, Dictionary<string, long> terms, CancellationToken cancellationToken, bool queuedOnly = false)
    {
        await using var command = connection.CreateCommand();
        var from = queuedOnly
            ? "term_backlog q JOIN analyses a ON a.message_id = q.message_id WHERE q.time >= $f_from AND q.time < $f_to AND"
            : $"analyses a {TimeIndex(filter)} WHERE";
        // Sealed messages' words are left out here as the keyword blocks leave them out (see SealedMessages).
        command.CommandText = $"SELECT a.tokens FROM {from} a.sentiment_label IS NOT NULL AND NOT {SealedMessages.SqlCondition("a.")} {SqliteFilter.Where(filter, command)};";
        // Tokens are looked up by span (no string per token); Last is the message that counted a term last, so a
        // keyword counts once per message; a count of -1 marks a token that is no keyword.
        var counts = new Dictionary<string, (long Count, long Last)>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        long message = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                message++;
                var tokens = reader.GetString(0).AsSpan();
                foreach (var range in tokens.Split(' '))
                {
                    var token = tokens[range];
                    if (token.IsEmpty)
                    {
                        continue;
                    }

                    if (!lookup.TryGetValue(token, out var seen))
                    {
                        var text = token.ToString();
                        counts[text] = KeywordTerms.IsKeyword(text) ? (1, message) : (-1, 0);
                    }
                    else if (seen.Count >= 0 && seen.Last != message)
                    {
                        lookup[token] = (seen.Count + 1, message);
                    }
                }
            }
        }

        foreach (var (term, (count, _)) in counts)
        {
            if (count > 0)
            {
                terms[term] = terms.GetValueOrDefault(term) + count;
            }
        }
    }

    /// <summary>
    /// With a time window, read the covering time index: the planner otherwise may pick the account index and
    /// visit every message the account ever had (measured: 140 ms instead of a few at a million rows).
    /// </summary>
    private static string TimeIndex(MessageFilter filter) => filter.From is not null ? "INDEXED BY analyses_time" : string.Empty;

    /// <summary>The filter's China days [from, to); an open end is the first or last analysed day.</summary>
    private static async Task<(long From, long To)> DaySpanAsync(SqliteConnection connection, MessageFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is { } from && filter.To is { } to)
        {
            return (ChinaTime.Day(from.ToUnixTimeMilliseconds()), ChinaTime.Day(to.ToUnixTimeMilliseconds()));
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(time), max(time) FROM analyses;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.IsDBNull(0))
        {
            return (0, 0);
        }

        var first = filter.From is { } f ? ChinaTime.Day(f.ToUnixTimeMilliseconds()) : ChinaTime.Day(reader.GetInt64(0));
        var last = filter.To is { } t ? ChinaTime.Day(t.ToUnixTimeMilliseconds()) : ChinaTime.Day(reader.GetInt64(1)) + 1;
        return (first, last);
    }

    private static bool WholeDays(MessageFilter filter) => IsDayStart(filter.From) && IsDayStart(filter.To);

    private static bool IsDayStart(DateTimeOffset? time) =>
        time is null || (time.Value.ToUnixTimeMilliseconds() + ChinaTime.OffsetMs) % ChinaTime.DayMs == 0;

    private static string DayRange(MessageFilter filter, SqliteCommand command)
    {
        var sql = string.Empty;
        if (filter.From is { } from)
        {
            sql += " AND day >= $d_from";
            command.Parameters.AddWithValue("$d_from", ChinaTime.Day(from.ToUnixTimeMilliseconds()));
        }

        if (filter.To is { } to)
        {
            sql += " AND day < $d_to";
            command.Parameters.AddWithValue("$d_to", ChinaTime.Day(to.ToUnixTimeMilliseconds()));
        }

        return sql;
    }

    private static string ScopeClauses(MessageFilter filter, SqliteCommand command)
    {
        var sql = string.Empty;
        if (filter.Account is not null)
        {
            sql += " AND account = $s_account";
            command.Parameters.AddWithValue("$s_account", filter.Account);
        }

        if (filter.SourceKind is not null)
        {
            sql += " AND source_kind = $s_source";
            command.Parameters.AddWithValue("$s_source", filter.SourceKind);
        }

        return sql;
    }

    private static string Column(CountSplit split) => split switch
    {
        CountSplit.Sentiment => "sentiment_label",
        CountSplit.Topic => "topic_label",
        CountSplit.Emotion => "emotion_label",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Sentiment, Topic or Emotion."),
    };

    private static async Task<List<StoredMessage>> ReadMessagesAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var list = new List<StoredMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(StoredMessageReader.Read(reader));
        }

        return list;
    }

    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => SqliteConnections.OpenAsync(_connectionString, cancellationToken);
}
