using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Monitor.Index.Queries;

namespace Monitor.Index.Elasticsearch;

/// <summary>A <see cref="MessageFilter"/> as the filter clauses of a bool query (no scoring, cacheable).</summary>
internal static class ElasticsearchFilter
{
    public static List<Query> Clauses(MessageFilter filter, bool includeKeyword = true)
    {
        var clauses = new List<Query>();
        AddTerm(clauses, "account", filter.Account);
        AddTerm(clauses, "source_kind", filter.SourceKind);
        AddTerm(clauses, "topic", filter.Topic);
        AddTerm(clauses, "sentiment", filter.Sentiment);
        AddTerm(clauses, "emotion", filter.Emotion);
        AddTerm(clauses, "service_function", filter.ServiceFunction);
        if (filter.From is not null || filter.To is not null)
        {
            clauses.Add(Range("time", filter.From?.ToUnixTimeMilliseconds(), filter.To?.ToUnixTimeMilliseconds()));
        }

        if (includeKeyword && filter.KeywordTokens.Count > 0)
        {
            clauses.Add(Match(filter));
        }

        return clauses;
    }

    /// <summary>Every word must match a whole token of the whitespace-analysed field.</summary>
    public static Query Match(MessageFilter filter) =>
        new() { Match = new MatchQuery { Field = "tokens", Query = string.Join(' ', filter.KeywordTokens), Operator = Operator.And } };

    public static Query Term(string field, FieldValue value) => new() { Term = new TermQuery { Field = field, Value = value } };

    public static Query Range(string field, long? from, long? to) =>
        new() { Range = new NumberRangeQuery(field) { Gte = from, Lt = to } };

    /// <summary>The sealed messages (<see cref="SealedMessages"/>): a citizen source and the sealing service function.</summary>
    public static Query Sealed() => Bool(
    [
        Term("service_function", SealedMessages.ServiceFunction),
        new Query { Terms = new TermsQuery { Field = "source_kind", Terms = new TermsQueryField([.. SealedMessages.CitizenSources.Order(StringComparer.Ordinal).Select(s => (FieldValue)s)]) } },
    ]);

    public static Query Exists(string field) => new() { Exists = new ExistsQuery { Field = field } };

    public static Query Bool(ICollection<Query> filter) => new() { Bool = new BoolQuery { Filter = filter } };

    private static void AddTerm(List<Query> clauses, string field, string? value)
    {
        if (value is not null)
        {
            clauses.Add(Term(field, value));
        }
    }
}
