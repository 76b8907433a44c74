using System.Text.Json.Nodes;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Elasticsearch;

/// <summary>
/// Top keywords and hot topics on Elasticsearch leave the words of sealed messages out (see <see cref="SealedMessages"/>):
/// the corpus is copied by the real reindex into <see cref="KeywordAggregationFake"/>, which answers the terms
/// aggregation by evaluating the query the client sent. m5 is a citizen's 涉黑举报 with 举报 and 线索, words no other
/// message has; 扫黑除恶 is in it and in three posts.
/// </summary>
public sealed class ElasticsearchSealedKeywordTests : IDisposable
{
    private readonly TempDataFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task KeywordsAndHotTopicsLeaveASealedMessagesWordsOutWhileTheSameWordInAPostCounts()
    {
        var (fake, queries) = await CopyCorpusAsync();

        var top = await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token);
        var hot = await queries.HotTopicsAsync(Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(7) }, Corpus.Day0, Corpus.Day0.AddDays(7), 100, Token);

        Assert.DoesNotContain(top, t => t.Term is "举报" or "线索");
        Assert.DoesNotContain(hot, h => h.Term is "举报" or "线索");
        Assert.Contains(new TermCount("扫黑除恶", 3), top);
        Assert.Contains(hot, h => h.Term == "扫黑除恶" && h.Count == 3);
        Assert.Contains(new TermCount("河道", 5), top);

        // The sealed document keeps its tokens for 涉黑专办's search, and carries no keywords.
        var m5 = fake.Documents["wechat:m5"];
        Assert.Contains("线索", m5["tokens"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(m5["keywords"]!.AsArray());
        Assert.NotEmpty(fake.Documents["wechat-article:p2"]["keywords"]!.AsArray());
    }

    [Fact]
    public async Task AnIndexWrittenBeforeTheRuleStillGivesNoSealedWordsBecauseTheQueryLeavesSealedMessagesOut()
    {
        var (fake, queries) = await CopyCorpusAsync();
        // What an older build wrote for m5: its keywords in the document.
        fake.Documents["wechat:m5"]["keywords"] = new JsonArray("扫黑除恶", "举报", "线索");

        var top = await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token);

        Assert.DoesNotContain(top, t => t.Term is "举报" or "线索");
        Assert.Contains(new TermCount("扫黑除恶", 3), top);
        var search = JsonNode.Parse(fake.Handler.Requests.Last(r => r.PathAndQuery.Contains("/_search", StringComparison.Ordinal)).Body)!;
        var mustNot = search["query"]!["bool"]!["must_not"]!.ToJsonString();
        Assert.Contains("service_function", mustNot, StringComparison.Ordinal);
        Assert.Contains("source_kind", mustNot, StringComparison.Ordinal);

        // Without the rule the fake would count them: the test can fail.
        fake.Documents["wechat:m5"]["service_function"] = "其他";
        Assert.Contains(new TermCount("线索", 1), await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token));
    }

    private async Task<(KeywordAggregationFake Fake, IMessageQueries Queries)> CopyCorpusAsync()
    {
        using (var store = new SqliteMessageStore(_folder.DatabasePath))
        {
            await SqliteSeeding.StoreAsync(store, new SqliteCaseWorkflow(_folder.DatabasePath), Corpus.Messages, Token);
        }

        var fake = new KeywordAggregationFake();
        var index = FakeElasticsearch.Index(fake.Handler, new ElasticsearchOptions(), _folder.DatabasePath);
        await index.ReindexAsync(100, null, Token);
        Assert.Equal(Corpus.Messages.Count, fake.Documents.Count);
        return (fake, index.Queries);
    }
}
