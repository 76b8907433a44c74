using Monitor.Index.Queries;
using Monitor.Index.Tests.Support;

namespace Monitor.Index.Tests.Queries;

/// <summary>
/// What every backend must answer, on the same <see cref="Corpus"/>. Subclasses store the corpus their own way
/// (SQLite: through the store's write path; Elasticsearch: through the bulk writer) and hand back the questions.
/// </summary>
public abstract class MessageQueriesContract
{
    private IMessageQueries? _queries;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Stores <paramref name="messages"/> and returns the questions over them.</summary>
    protected abstract Task<IMessageQueries> SeedAsync(IReadOnlyList<SeedMessage> messages, CancellationToken cancellationToken);

    [Fact]
    public async Task CountsPerDayFollowChinaDaysNotUtcDays()
    {
        var counts = await (await Queries()).CountOverTimeAsync(
            Corpus.TwoWeeks with { Account = "gh_a", To = Corpus.Day0.AddDays(7) }, TimeBucket.Day, CountSplit.Sentiment, Token);

        Assert.Equal(
            [
                new TimeCount(Corpus.At(0, 0), "negative", 2),
                new TimeCount(Corpus.At(0, 0), "positive", 1),
                new TimeCount(Corpus.At(1, 0), "negative", 1),
                new TimeCount(Corpus.At(1, 0), "positive", 1),
                new TimeCount(Corpus.At(2, 0), "negative", 1),
            ],
            counts);
        Assert.All(counts, c => Assert.Equal(Corpus.China, c.BucketStart.Offset));
    }

    [Fact]
    public async Task CountsPerWeekStartOnMondayAndSplitByTopic()
    {
        var counts = await (await Queries()).CountOverTimeAsync(Corpus.TwoWeeks, TimeBucket.Week, CountSplit.Topic, Token);

        Assert.Equal(
            [
                new TimeCount(Corpus.At(0, 0), "政务", 1),
                new TimeCount(Corpus.At(0, 0), "民生", 1),
                new TimeCount(Corpus.At(0, 0), "环保", 5),
                new TimeCount(Corpus.At(7, 0), "治安", 4),
            ],
            counts.OrderBy(c => c.BucketStart).ThenBy(c => c.Value, StringComparer.Ordinal));
    }

    [Fact]
    public async Task CountsPerHourHonourServiceFunctionAndSplitByEmotion()
    {
        var filter = new MessageFilter { From = Corpus.At(0, 6), To = Corpus.At(1, 6), ServiceFunction = "污染举报" };

        var counts = await (await Queries()).CountOverTimeAsync(filter, TimeBucket.Hour, CountSplit.Emotion, Token);

        Assert.Equal([new TimeCount(Corpus.At(0, 9), "angry", 1), new TimeCount(Corpus.At(0, 23), "angry", 1)], counts);
    }

    [Fact]
    public async Task CountsHonourKeywordAndSourceFilters()
    {
        var queries = await Queries();

        var river = await queries.CountOverTimeAsync(Corpus.TwoWeeks with { Keyword = "河道" }, TimeBucket.Week, CountSplit.Sentiment, Token);
        var comments = await queries.CountOverTimeAsync(Corpus.TwoWeeks with { SourceKind = "wechat-comment" }, TimeBucket.Day, CountSplit.Emotion, Token);

        Assert.Equal([new TimeCount(Corpus.At(0, 0), "negative", 3), new TimeCount(Corpus.At(0, 0), "positive", 2)], river);
        Assert.Equal([new TimeCount(Corpus.At(2, 0), "disgust", 1)], comments);
    }

    [Fact]
    public async Task TopKeywordsCountMessagesPerWordButNotSingleCharactersPunctuationOrFunctionWords()
    {
        var top = await (await Queries()).TopKeywordsAsync(Corpus.TwoWeeks with { To = Corpus.Day0.AddDays(7) }, 50, Token);

        Assert.Equal(new TermCount("河道", 5), top[0]);
        Assert.Contains(new TermCount("污染", 2), top);
        Assert.DoesNotContain(top, t => t.Term is "，" or "了" or "水" or "还是");
    }

    [Fact]
    public async Task TopKeywordsOfOneAccountLeaveOtherAccountsOut()
    {
        var top = await (await Queries()).TopKeywordsAsync(Corpus.TwoWeeks with { Account = "gh_b", To = Corpus.Day0.AddDays(7) }, 10, Token);

        Assert.Equal(["效果", "河道", "治理"], top.Select(t => t.Term).Order(StringComparer.Ordinal));
        Assert.All(top, t => Assert.Equal(1, t.Count));
    }

    [Fact]
    public async Task HotTopicsAreWordsThatRoseAgainstTheBaseline()
    {
        var window = Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(7) };

        var hot = await (await Queries()).HotTopicsAsync(window, Corpus.Day0, Corpus.Day0.AddDays(7), 5, Token);

        var first = hot[0];
        Assert.Equal("扫黑除恶", first.Term);
        Assert.Equal(3, first.Count);   // the three posts; m5, a sealed 涉黑举报, does not count
        Assert.Equal(0, first.BaselineCount);
        Assert.True(first.LogLikelihood > 0);
        Assert.DoesNotContain(hot, h => h.Term == "河道");
    }

    [Fact]
    public async Task KeywordsAndHotTopicsLeaveTheWordsOfSealedMessagesOutButSearchFindsThem()
    {
        var queries = await Queries();
        var window = Corpus.TwoWeeks with { From = Corpus.Day0.AddDays(7) };

        var top = await queries.TopKeywordsAsync(Corpus.TwoWeeks, 100, Token);
        var account = await queries.TopKeywordsAsync(Corpus.TwoWeeks with { Account = "gh_a", From = Corpus.Day0.AddDays(1) }, 100, Token);
        var hot = await queries.HotTopicsAsync(window, Corpus.Day0, Corpus.Day0.AddDays(7), 100, Token);
        var found = await queries.SearchAsync(new MessageFilter { Keyword = "线索" }, 10, null, Token);

        // m5 (a citizen's 涉黑举报) is the only message with 举报 and 线索; 扫黑除恶 is also in three posts, which count.
        Assert.DoesNotContain(top, t => t.Term is "举报" or "线索");
        Assert.DoesNotContain(account, t => t.Term is "举报" or "线索");
        Assert.DoesNotContain(hot, h => h.Term is "举报" or "线索");
        Assert.Contains(new TermCount("扫黑除恶", 3), top);
        Assert.Contains(new TermCount("扫黑除恶", 1), account);
        Assert.Equal(["m5"], found.Hits.Select(h => h.Message.Message.SourceId));
    }

    [Fact]
    public async Task UrgentQueuePutsOpenCasesFirstThenTheMostUrgentAndLeavesResolvedOut()
    {
        var queue = await (await Queries()).UrgentQueueAsync(MessageFilter.All, 20, Token);

        Assert.Equal(["m4", "m5", "m2", "c1", "m1", "m6"], queue.Select(m => m.Message.SourceId));
        Assert.Equal("assigned", queue[4].Case!.Status);
        Assert.Equal("张三", queue[4].Case!.Assignee);
        Assert.Equal(["危险词"], queue[0].Analysis!.Urgency!.Reasons);
        Assert.Equal(Corpus.At(3, 10), queue[0].Case!.Deadline);
    }

    [Fact]
    public async Task UrgentQueueHonoursTheAccountFilter()
    {
        var queue = await (await Queries()).UrgentQueueAsync(new MessageFilter { Account = "gh_b" }, 20, Token);

        Assert.Equal(["m6"], queue.Select(m => m.Message.SourceId));
    }

    [Fact]
    public async Task SearchRanksTheMessageRepeatingTheWordFirstAndMarksIt()
    {
        var page = await (await Queries()).SearchAsync(new MessageFilter { Keyword = "扫黑除恶" }, 10, null, Token);

        Assert.Equal(4, page.Total);
        Assert.Equal("m5", page.Hits[0].Message.Message.SourceId);
        Assert.True(page.Hits[0].Score > page.Hits[1].Score);
        Assert.Contains(page.Hits[0].Snippet, p => p is { Text: "扫黑除恶", Highlighted: true });
        Assert.Equal("扫黑除恶举报线索扫黑除恶", string.Concat(page.Hits[0].Snippet.Select(p => p.Text)));
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task SearchPagesWithACursorAndNeverRepeatsAHit()
    {
        var queries = await Queries();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await queries.SearchAsync(new MessageFilter { Keyword = "河道" }, 2, cursor, Token);
            Assert.Equal(5, page.Total);
            seen.AddRange(page.Hits.Select(h => h.Message.Message.SourceId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(["c1", "m1", "m2", "m6", "p1"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SearchMatchesWholeWordsNotTheMiddleOfOne()
    {
        var page = await (await Queries()).SearchAsync(new MessageFilter { Keyword = "道污" }, 10, null, Token);

        Assert.Empty(page.Hits);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task SearchHonoursFiltersAndNeedsEveryWord()
    {
        var queries = await Queries();

        var negative = await queries.SearchAsync(new MessageFilter { Keyword = "河道", Sentiment = "negative" }, 10, null, Token);
        var both = await queries.SearchAsync(new MessageFilter { Keyword = "河道 臭味" }, 10, null, Token);

        Assert.Equal(["c1", "m1", "m2"], negative.Hits.Select(h => h.Message.Message.SourceId).Order(StringComparer.Ordinal));
        Assert.Equal(3, negative.Total);
        Assert.Equal(["m2"], both.Hits.Select(h => h.Message.Message.SourceId));
    }

    [Fact]
    public async Task ThreadHasEverythingOneCitizenSentOldestFirst()
    {
        var thread = await (await Queries()).ThreadAsync("u1", 100, Token);

        Assert.Equal(["m1", "m3", "c1"], thread.Select(m => m.Message.SourceId));
    }

    [Fact]
    public async Task ClusterListsItsNearDuplicates()
    {
        var cluster = await (await Queries()).ClusterAsync(1, 100, Token);

        Assert.Equal(["m1", "m2"], cluster.Select(m => m.Message.SourceId));
        Assert.All(cluster, m => Assert.Equal(0xF0F0_0000_0000_0001UL, m.Analysis!.NearDuplicate!.Fingerprint));
    }

    [Fact]
    public async Task ScorecardMeasuresPublishingServiceAndBacklog()
    {
        var card = await (await Queries()).ScorecardAsync("gh_a", Corpus.Day0, Corpus.Day0.AddDays(14), Corpus.Day0.AddDays(14), Token);

        Assert.Equal(2, card.Posts);
        Assert.Equal(1, card.PostsPerWeek, 6);
        Assert.Equal(TimeSpan.FromDays(7), card.LongestGap);
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromHours(8), card.SinceLastPost);
        Assert.Equal(6, card.CitizenMessages);
        Assert.Equal(1, card.Replied);
        Assert.Equal(1.0 / 6, card.ResponseRate!.Value, 6);
        Assert.Equal(TimeSpan.FromMinutes(30), card.MedianTimeToFirstReply);
        Assert.Equal(5, card.Backlog);
        Assert.Equal(TimeSpan.FromDays(14) - TimeSpan.FromHours(9), card.OldestBacklogAge);
        Assert.Equal(5, card.Overdue);
    }

    private async Task<IMessageQueries> Queries() => _queries ??= await SeedAsync(Corpus.Messages, Token);
}
