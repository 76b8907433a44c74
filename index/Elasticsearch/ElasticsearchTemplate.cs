using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Analysis;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;

namespace Monitor.Index.Elasticsearch;

/// <summary>
/// The index template every monthly index gets: strict mapping, keyword fields for filters and aggregations, the
/// pre-segmented tokens under a whitespace analyzer (lowercased, so Latin words match either case), and the alias.
/// </summary>
internal static class ElasticsearchTemplate
{
    public const string Analyzer = "seg_ws";

    public static PutIndexTemplateRequest Request(ElasticsearchOptions options) => new(options.IndexPrefix)
    {
        IndexPatterns = options.IndexPrefix + "-*",
        Priority = 200,
        Template = new IndexTemplateMapping
        {
            Aliases = new Dictionary<IndexName, Alias> { [options.Alias] = new Alias() },
            Settings = new IndexSettings
            {
                NumberOfShards = 1,
                Analysis = new IndexSettingsAnalysis
                {
                    Analyzers = new Analyzers { { Analyzer, new CustomAnalyzer { Tokenizer = "whitespace", Filter = ["lowercase"] } } },
                },
            },
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = Properties(),
            },
        },
    };

    private static Properties Properties()
    {
        var properties = new Properties
        {
            { "tokens", new TextProperty { Analyzer = Analyzer } },
            { "text", new TextProperty { Index = false } },
            { "title", new TextProperty { Index = false } },
            { "url", new KeywordProperty { Index = false } },
            { "analysis_error", new TextProperty { Index = false } },
        };
        foreach (var keyword in new[]
        {
            "source_kind", "source_id", "account", "author", "kind", "parent_id", "case_number", "analysis_state", "keywords", "sentiment",
            "model_version", "dictionary_version", "topic", "emotion", "urgency_reasons", "service_function", "service_triggers",
            "case_status", "assignee",
        })
        {
            properties.Add(keyword, new KeywordProperty());
        }

        foreach (var date in new[] { "time", "received_at", "analysed_at", "deadline_at", "first_reply_at", "resolved_at" })
        {
            properties.Add(date, new DateProperty { Format = "epoch_millis" });
        }

        foreach (var number in new[] { "message_id", "simhash", "cluster_id", "reply_delay_ms" })
        {
            properties.Add(number, new LongNumberProperty());
        }

        foreach (var number in new[] { "delivery_count", "urgency", "case_rank" })
        {
            properties.Add(number, new IntegerNumberProperty());
        }

        foreach (var number in new[] { "sentiment_score", "topic_score", "emotion_score" })
        {
            properties.Add(number, new FloatNumberProperty());
        }

        return properties;
    }
}
