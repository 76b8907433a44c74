using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Aggregations;
using Elastic.Clients.Elasticsearch.Core.Search;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Monitor.Index.Queries;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// The dashboard's questions as Elasticsearch searches on the alias: charts are date_histogram + terms
/// aggregations in China time, keywords are terms aggregations on the distinct keyword tokens, search is a match
/// on the whitespace-analysed tokens with BM25, a highlight and search_after paging.
/// </summary>
internal sealed class ElasticsearchMessageQueries : IMessageQueries
{
    private const string TimeZone = "+08:00";
    private static readonly FieldValue[] PostSources = ["wechat-article", "rss", "page"];

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;

    public ElasticsearchMessageQueries(ElasticsearchClient client, ElasticsearchOptions options)
    {
        _client = client;
        _options = options;
    }

    public async Task<IReadOnlyList<TimeCount>> CountOverTimeAsync(
        MessageFilter filter, TimeBucket bucket, CountSplit split, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var field = split switch
        {
            CountSplit.Sentiment => "sentiment",
            CountSplit.Topic => "topic",
            CountSplit.Emotion => "emotion",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Sentiment, Topic or Emotion."),
        };
        var clauses = ElasticsearchFilter.Clauses(filter);
        clauses.Add(ElasticsearchFilter.Exists("sentiment"));
        clauses.Add(ElasticsearchFilter.Exists(field));
        var response = await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = 0,
                Query = ElasticsearchFilter.Bool(clauses),
                Aggregations = new Dictionary<string, Aggregation>
                {
                    ["over_time"] = new()
                    {
                        DateHistogram = new DateHistogramAggregation
                        {
                            Field = "time",
                            CalendarInterval = bucket switch
                            {
                                TimeBucket.Hour => CalendarInterval.Hour,
                                TimeBucket.Day => CalendarInterval.Day,
                                _ => CalendarInterval.Week,
                            },
                            TimeZone = TimeZone,
                            MinDocCount = 1,
                        },
                        Aggregations = new Dictionary<string, Aggregation> { ["split"] = new() { Terms = new TermsAggregation { Field = field, Size = 200 } } },
                    },
                },
            },
            cancellationToken);
        var counts = new List<TimeCount>();
        // An aggregation is absent only when nothing matched (or a proxy stripped it): no bars then.
        foreach (var time in response.Aggregations?.GetDateHistogram("over_time")?.Buckets ?? [])
        {
            foreach (var value in time.Aggregations?.GetStringTerms("split")?.Buckets ?? [])
            {
                counts.Add(new TimeCount(time.Key.ToOffset(ChinaTime.Offset), Key(value.Key), value.DocCount));
            }
        }

        return [.. counts.OrderBy(c => c.BucketStart).ThenBy(c => c.Value, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<TermCount>> TopKeywordsAsync(MessageFilter filter, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (terms, _) = await KeywordCountsAsync(filter, top, cancellationToken);
        return [.. terms.OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal).Take(top).Select(t => new TermCount(t.Key, t.Value))];
    }

    public async Task<IReadOnlyList<HotTerm>> HotTopicsAsync(
        MessageFilter filter, DateTimeOffset baselineFrom, DateTimeOffset baselineTo, int top, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        // Enough candidate terms that the window's risers are among them; totals include the terms beyond the size.
        var size = Math.Max(500, top * 50);
        var (window, windowOther) = await KeywordCountsAsync(filter, size, cancellationToken);
        var (baseline, baselineOther) = await KeywordCountsAsync(filter with { From = baselineFrom, To = baselineTo }, size, cancellationToken);
        window[string.Empty] = windowOther;
        baseline[string.Empty] = baselineOther;
        return [.. LogLikelihood.Rank(window, baseline, top + 1).Where(h => h.Term.Length > 0).Take(top)];
    }

    public async Task<IReadOnlyList<StoredMessage>> UrgentQueueAsync(MessageFilter filter, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var clauses = ElasticsearchFilter.Clauses(filter);
        clauses.Add(ElasticsearchFilter.Range("case_rank", null, 3));
        var response = await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = count,
                Query = ElasticsearchFilter.Bool(clauses),
                Sort =
                [
                    Sort("case_rank", SortOrder.Asc),
                    Sort("urgency", SortOrder.Desc),
                    Sort("deadline_at", SortOrder.Asc),
                    Sort("message_id", SortOrder.Asc),
                ],
            },
            cancellationToken);
        return Messages(response);
    }

    public async Task<SearchPage> SearchAsync(MessageFilter filter, int pageSize, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.KeywordTokens.Count == 0)
        {
            throw new ArgumentException("Search needs at least one word in MessageFilter.Keyword.", nameof(filter));
        }

        var after = SearchCursor.Parse(cursor);
        var request = new SearchRequest(_options.Alias)
        {
            Size = pageSize + 1,
            TrackTotalHits = new TrackHits(true),
            Query = new Query
            {
                Bool = new BoolQuery { Must = [ElasticsearchFilter.Match(filter)], Filter = ElasticsearchFilter.Clauses(filter, includeKeyword: false) },
            },
            Sort = [new SortOptions { Score = new ScoreSort { Order = SortOrder.Desc } }, Sort("message_id", SortOrder.Asc)],
            Highlight = new Highlight
            {
                Fields =
                [
                    new KeyValuePair<Field, HighlightField>("tokens", new HighlightField
                    {
                        PreTags = [DisplayText.MarkStart.ToString()],
                        PostTags = [DisplayText.MarkEnd.ToString()],
                        NumberOfFragments = 1,
                        FragmentSize = 120,
                        NoMatchSize = 120,
                    }),
                ],
            },
        };
        if (after is { } position)
        {
            request.SearchAfter = [FieldValue.Double(position.Score), FieldValue.Long(position.Id)];
        }

        var response = await SearchAsync(request, cancellationToken);
        var hits = response.Hits.ToList();
        var more = hits.Count > pageSize;
        var page = hits.Take(pageSize).Select(h => new SearchHit(
            MessageDocuments.ToStored(h.Source!),
            h.Score ?? 0,
            DisplayText.Snippet(h.Highlight?.GetValueOrDefault("tokens")?.FirstOrDefault() ?? h.Source!.Tokens ?? string.Empty))).ToList();
        var total = response.HitsMetadata.Total?.Match(t => t!.Value, n => n) ?? page.Count;
        return new SearchPage(page, total, more && page.Count > 0 ? new SearchCursor(page[^1].Score, page[^1].Message.Id).ToString() : null);
    }

    public async Task<IReadOnlyList<StoredMessage>> ThreadAsync(string author, int max, CancellationToken cancellationToken) =>
        Messages(await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = max,
                Query = ElasticsearchFilter.Bool([ElasticsearchFilter.Term("author", author)]),
                Sort = [Sort("time", SortOrder.Asc), Sort("message_id", SortOrder.Asc)],
            },
            cancellationToken));

    public async Task<IReadOnlyList<StoredMessage>> ClusterAsync(long clusterId, int max, CancellationToken cancellationToken) =>
        Messages(await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = max,
                Query = ElasticsearchFilter.Bool([ElasticsearchFilter.Term("cluster_id", clusterId)]),
                Sort = [Sort("time", SortOrder.Asc), Sort("message_id", SortOrder.Asc)],
            },
            cancellationToken));

    public async Task<Scorecard> ScorecardAsync(
        string account, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var from = windowStart.ToUnixTimeMilliseconds();
        var to = windowEnd.ToUnixTimeMilliseconds();
        var now = asOf.ToUnixTimeMilliseconds();
        var posts = new Query { Terms = new TermsQuery { Field = "source_kind", Terms = new TermsQueryField(PostSources) } };
        var inWindow = ElasticsearchFilter.Range("time", from, to);
        var cases = ElasticsearchFilter.Exists("case_status");
        var postTimes = await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = 10_000,
                Query = ElasticsearchFilter.Bool([ElasticsearchFilter.Term("account", account), posts, inWindow]),
                Sort = [Sort("time", SortOrder.Asc)],
            },
            cancellationToken);
        var figures = await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = 0,
                Query = ElasticsearchFilter.Bool([ElasticsearchFilter.Term("account", account)]),
                Aggregations = new Dictionary<string, Aggregation>
                {
                    ["last_post"] = Filtered(ElasticsearchFilter.Bool([posts, ElasticsearchFilter.Range("time", null, now + 1)]), "latest", new() { Max = new MaxAggregation { Field = "time" } }),
                    ["cases"] = Filtered(ElasticsearchFilter.Bool([cases, inWindow]), "replied", new() { Filter = ElasticsearchFilter.Exists("first_reply_at") }),
                    ["delays"] = Filtered(
                        ElasticsearchFilter.Bool([cases, inWindow, ElasticsearchFilter.Exists("reply_delay_ms")]),
                        "median",
                        new() { Percentiles = new PercentilesAggregation { Field = "reply_delay_ms", Percents = [50] } }),
                    ["backlog"] = Filtered(ElasticsearchFilter.Range("case_rank", null, 3), "oldest", new() { Min = new MinAggregation { Field = "time" } }),
                    ["service_uses"] = new() { Filter = ElasticsearchFilter.Bool([new Query { Terms = new TermsQuery { Field = "kind", Terms = new TermsQueryField([.. ServiceUseKinds.All.Select(k => (FieldValue)k)]) } }, inWindow]) },
                    ["overdue"] = new() { Filter = ElasticsearchFilter.Bool([ElasticsearchFilter.Range("case_rank", null, 3), ElasticsearchFilter.Range("deadline_at", null, now)]) },
                },
            },
            cancellationToken);
        var aggregations = figures.Aggregations!;
        var caseAggregate = aggregations.GetFilter("cases")!;
        var replied = caseAggregate.Aggregations!.GetFilter("replied")!.DocCount;
        var delays = aggregations.GetFilter("delays")!;
        var median = delays.DocCount > 0 && delays.Aggregations!.GetTDigestPercentiles("median")?.Values.FirstOrDefault()?.Value is { } ms
            ? TimeSpan.FromMilliseconds(Math.Round(ms))
            : (TimeSpan?)null;
        var backlog = aggregations.GetFilter("backlog")!;
        var last = aggregations.GetFilter("last_post")!.Aggregations!.GetMax("latest")?.Value;
        var oldest = backlog.DocCount > 0 ? backlog.Aggregations!.GetMin("oldest")?.Value : null;
        return ScorecardFigures.Compose(
            account, windowStart, windowEnd, asOf,
            [.. postTimes.Hits.Select(h => h.Source!.Time)],
            last is null ? null : (long)last.Value,
            caseAggregate.DocCount,
            replied,
            median,
            backlog.DocCount,
            oldest is null ? null : (long)oldest.Value,
            aggregations.GetFilter("overdue")!.DocCount,
            aggregations.GetFilter("service_uses")?.DocCount ?? 0);
    }

    private async Task<(Dictionary<string, long> Terms, long Other)> KeywordCountsAsync(MessageFilter filter, int size, CancellationToken cancellationToken)
    {
        var clauses = ElasticsearchFilter.Clauses(filter);
        clauses.Add(ElasticsearchFilter.Exists("sentiment"));
        var response = await SearchAsync(
            new SearchRequest(_options.Alias)
            {
                Size = 0,
                // Sealed messages' words never count (as in SQLite's keyword blocks); a query-time rule, so documents
                // indexed before it need no reindex.
                Query = new Query { Bool = new BoolQuery { Filter = clauses, MustNot = [ElasticsearchFilter.Sealed()] } },
                Aggregations = new Dictionary<string, Aggregation> { ["keywords"] = new() { Terms = new TermsAggregation { Field = "keywords", Size = size } } },
            },
            cancellationToken);
        var terms = response.Aggregations?.GetStringTerms("keywords");
        return terms is null
            ? ([], 0)
            : (terms.Buckets.ToDictionary(b => Key(b.Key), b => b.DocCount, StringComparer.Ordinal), terms.SumOtherDocCount ?? 0);
    }

    private static Aggregation Filtered(Query filter, string name, Aggregation inner) =>
        new() { Filter = filter, Aggregations = new Dictionary<string, Aggregation> { [name] = inner } };

    private static SortOptions Sort(string field, SortOrder order) =>
        new() { Field = new FieldSort { Field = field, Order = order, Missing = "_last" } };

    private static string Key(FieldValue value) => value.TryGetString(out var text) ? text! : value.ToString();

    private static List<StoredMessage> Messages(SearchResponse<MessageDocument> response) =>
        [.. response.Hits.Select(h => MessageDocuments.ToStored(h.Source!))];

    private async Task<SearchResponse<MessageDocument>> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        var response = await _client.SearchAsync<MessageDocument>(request, cancellationToken);
        if (!response.IsValidResponse)
        {
            var error = response.ElasticsearchServerError?.Error;
            throw new InvalidOperationException(
                $"Elasticsearch refused the search on '{_options.Alias}': {error?.Type ?? "no answer"}: {error?.Reason ?? response.ApiCallDetails.OriginalException?.Message}",
                response.ApiCallDetails.OriginalException);
        }

        return response;
    }
}
