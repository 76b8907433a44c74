using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat.Api;

namespace Monitor.Ingest.Tests.WeChat.Api;

public sealed class WeChatApiClientTests : IAsyncLifetime
{
    private const string BatchGet = "cgi-bin/freepublish/batchget";
    private const string CommentList = "cgi-bin/comment/list";
    private const string StableToken = "cgi-bin/stable_token";
    private const string CustomSend = "cgi-bin/message/custom/send";

    private readonly ManualClock clock = new(DateTimeOffset.FromUnixTimeSeconds(1714037059));
    private FakeWeChatApi fake = null!;
    private ServiceProvider services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IWeChatApiClient Client => services.GetRequiredService<IWeChatApiClient>();

    public async ValueTask InitializeAsync()
    {
        fake = await FakeWeChatApi.StartAsync(Ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeChat:Api:BaseAddress"] = fake.BaseAddress.ToString(),
            ["WeChat:Api:AppId"] = FakeWeChatApi.AppId,
            ["WeChat:Api:AppSecret"] = FakeWeChatApi.AppSecret,
            ["WeChat:Api:MaxRetryAttempts"] = "3",
            ["WeChat:Api:RetryBaseDelay"] = "00:00:00.005",
            ["WeChat:Api:RetryMaxDelay"] = "00:00:00.050",
        }).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<TimeProvider>(clock);
        collection.AddWeChatApi(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await fake.DisposeAsync();
    }

    private async Task<List<WeChatArticle>> AllArticlesAsync(bool includeContent = true)
    {
        var list = new List<WeChatArticle>();
        await foreach (var article in Client.GetPublishedArticlesAsync(includeContent, Ct))
        {
            list.Add(article);
        }

        return list;
    }

    private async Task<List<WeChatComment>> AllCommentsAsync(long msgDataId, int index = 0)
    {
        var list = new List<WeChatComment>();
        await foreach (var comment in Client.GetCommentsAsync(msgDataId, index, Ct))
        {
            list.Add(comment);
        }

        return list;
    }

    [Fact]
    public async Task PagingReturnsEveryArticleExactlyOnceAcrossPages()
    {
        fake.AddArticles(45);

        var articles = await AllArticlesAsync();

        Assert.Equal(Enumerable.Range(0, 45).Select(n => $"ART{n:D5}"), articles.Select(a => a.ArticleId));
        Assert.Equal(3, fake.Calls(BatchGet));
        Assert.All(articles, a => Assert.Equal(2, a.NewsItems.Count));
    }

    [Fact]
    public async Task AnAccountWithNoArticlesGivesAnEmptyStreamAfterOneCall()
    {
        Assert.Empty(await AllArticlesAsync());
        Assert.Equal(1, fake.Calls(BatchGet));
    }

    [Fact]
    public async Task ArticlesBecomeMessagesWithTextWithoutHtml()
    {
        fake.AddArticles(1);

        var messages = (await AllArticlesAsync()).Single().ToMessages("gh_10f6c3c3ac5a").ToList();

        Assert.Equal(2, messages.Count);
        var first = messages[0];
        Assert.Equal("wechat-article", first.SourceKind);
        Assert.Equal("ART00000:0", first.SourceId);
        Assert.Equal("article", first.Kind);
        Assert.Equal("通知 0", first.Title);
        Assert.Equal("第 0 篇 正文", first.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1714000000), first.Time);
        Assert.StartsWith("https://mp.weixin.qq.com/s?", first.Url, StringComparison.Ordinal);
        Assert.Null(first.Author);
    }

    [Fact]
    public async Task WithoutContentTheTextIsTheDigest()
    {
        fake.AddArticles(1);

        var article = (await AllArticlesAsync(includeContent: false)).Single();

        Assert.Null(article.NewsItems[0].Content);
        Assert.Equal("摘要 通知 0", article.ToMessages("gh_10f6c3c3ac5a").First().Text);
    }

    [Fact]
    public async Task PagingReturnsEveryCommentExactlyOnceAcrossPages()
    {
        fake.AddComments(2247483647, 1, 130);

        var comments = await AllCommentsAsync(2247483647, 1);

        Assert.Equal(Enumerable.Range(1, 130).Select(n => (long)n), comments.Select(c => c.UserCommentId));
        Assert.Equal([49L, 49L, 49L], fake.CommentCountsAsked);
    }

    [Fact]
    public async Task NoCommentRequestEverAsksForFiftyOrMore()
    {
        fake.AddComments(7, 0, 500);

        Assert.Equal(500, (await AllCommentsAsync(7)).Count);
        Assert.All(fake.CommentCountsAsked, count => Assert.InRange(count, 1, 49));
    }

    [Fact]
    public async Task TheFakeRefusesACountOfFiftyAsWeChatDoes()
    {
        fake.AddComments(7, 0, 1);
        using var http = new HttpClient { BaseAddress = fake.BaseAddress };
        var tokenAnswer = await http.PostAsync(new Uri(StableToken, UriKind.Relative), Json($$"""{"grant_type":"client_credential","appid":"{{FakeWeChatApi.AppId}}","secret":"{{FakeWeChatApi.AppSecret}}","force_refresh":false}"""), Ct);
        var token = JsonDocument.Parse(await tokenAnswer.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString();

        var answer = await http.PostAsync(new Uri($"{CommentList}?access_token={token}", UriKind.Relative), Json("""{"msg_data_id":7,"index":0,"begin":0,"count":50,"type":0}"""), Ct);

        Assert.Equal(FakeWeChatApi.InvalidArgs, JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errcode").GetInt32());
    }

    [Fact]
    public async Task CommentsKeepTheReplyFeaturedFlagAndPseudonymisedAuthor()
    {
        fake.AddComments(42, 0, 8);
        var pseudonymizer = Some.Pseudonymizer();

        var comments = await AllCommentsAsync(42);

        var first = comments[0];
        Assert.True(first.IsFeatured);
        Assert.Null(first.OpenId);
        Assert.Equal("答复 0", first.Reply!.Content);
        var second = comments[1];
        Assert.Equal("oFakeReader000001", second.OpenId);
        Assert.False(second.IsFeatured);
        Assert.Null(second.Reply);

        var message = second.ToMessage(pseudonymizer, "gh_10f6c3c3ac5a");
        Assert.Equal("wechat-comment", message.SourceKind);
        Assert.Equal("42:0:2", message.SourceId);
        Assert.Equal("42:0", message.ParentId);
        Assert.Equal("comment", message.Kind);
        Assert.Equal(pseudonymizer.Pseudonymize("oFakeReader000001"), message.Author);
        Assert.Equal("留言 1", message.Text);
        Assert.Equal("comment:featured", first.ToMessage(pseudonymizer, "gh_10f6c3c3ac5a").Kind);

        var reply = first.ToReplyMessage("gh_10f6c3c3ac5a")!;
        Assert.Equal("42:0:1:reply", reply.SourceId);
        Assert.Equal("42:0:1", reply.ParentId);
        Assert.Equal("reply", reply.Kind);
        Assert.Null(second.ToReplyMessage("gh_10f6c3c3ac5a"));
        Assert.DoesNotContain("oFakeReader", second.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneTokenServesManyApiCalls()
    {
        fake.AddArticles(3);
        fake.AddComments(5, 0, 3);

        for (var i = 0; i < 5; i++)
        {
            await AllArticlesAsync();
            await AllCommentsAsync(5);
        }

        Assert.Equal(1, fake.TokenCalls);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneTokenFetch()
    {
        fake.AddArticles(3);

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => AllArticlesAsync()));

        Assert.Equal(1, fake.TokenCalls);
    }

    [Fact]
    public async Task TheTokenIsRenewedOnceItsCacheTimeIsUp()
    {
        fake.AddArticles(1);
        await AllArticlesAsync();

        clock.Advance(TimeSpan.FromSeconds(7200 - 300 + 1));
        await AllArticlesAsync();

        Assert.Equal(2, fake.TokenCalls);
        Assert.Equal(0, fake.ForcedTokenCalls);
    }

    [Fact]
    public async Task A40001IsAnsweredWithOnePlainRefreshAndTheCallSucceeds()
    {
        fake.AddArticles(2);
        fake.FailNext(BatchGet, 40001);

        Assert.Equal(2, (await AllArticlesAsync()).Count);
        Assert.Equal(2, fake.TokenCalls);
        Assert.Equal(0, fake.ForcedTokenCalls);
    }

    [Fact]
    public async Task AnExpiredTokenIsReplacedAndTheCallSucceeds()
    {
        fake.AddArticles(2);
        await AllArticlesAsync();
        fake.ExpireCurrentToken();

        Assert.Equal(2, (await AllArticlesAsync()).Count);
        Assert.Equal(2, fake.TokenCalls);
    }

    [Fact]
    public async Task AStillRefusedTokenIsForceRefreshedOnce()
    {
        fake.AddArticles(2);
        fake.FailNext(BatchGet, 40001, 42001);

        Assert.Equal(2, (await AllArticlesAsync()).Count);
        Assert.Equal(3, fake.TokenCalls);
        Assert.Equal(1, fake.ForcedTokenCalls);
    }

    [Fact]
    public async Task ATokenRefusedThreeTimesFailsLoud()
    {
        fake.AddArticles(2);
        fake.FailNext(BatchGet, 40001, 40001, 40014);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => AllArticlesAsync());

        Assert.Equal(WeChatErrorAction.RefreshToken, ex.Action);
        Assert.Equal(40014, ex.ErrorCode);
        Assert.Equal(3, fake.TokenCalls);
    }

    [Fact]
    public async Task SystemBusyIsRetriedUntilItSucceeds()
    {
        fake.AddArticles(2);
        fake.FailNext(BatchGet, -1, 45011);

        Assert.Equal(2, (await AllArticlesAsync()).Count);
        Assert.Equal(3, fake.Calls(BatchGet));
    }

    [Fact]
    public async Task ServerErrorsAreRetried()
    {
        fake.AddComments(9, 0, 2);
        fake.FailNextWithHttpStatus(CommentList, 503);
        fake.FailNextWithHttpStatus(StableToken, 502);

        Assert.Equal(2, (await AllCommentsAsync(9)).Count);
        Assert.Equal(2, fake.Calls(CommentList));
    }

    [Fact]
    public async Task RetriesAreBounded()
    {
        fake.AddArticles(1);
        fake.FailNext(BatchGet, -1, -1, -1, -1, -1, -1);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => AllArticlesAsync());

        Assert.Equal(WeChatErrorAction.RetryWithBackoff, ex.Action);
        Assert.Equal(4, fake.Calls(BatchGet));
    }

    [Fact]
    public async Task DailyQuotaStopsUntilTomorrowWithoutRetrying()
    {
        fake.AddArticles(1);
        fake.FailNext(BatchGet, 45009);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => AllArticlesAsync());

        Assert.Equal(WeChatErrorAction.StopUntilTomorrow, ex.Action);
        Assert.Equal(45009, ex.ErrorCode);
        Assert.Equal("reach max api daily quota limit", ex.ErrorMessage);
        Assert.Equal(1, fake.Calls(BatchGet));
    }

    [Fact]
    public async Task AnUnlistedIpOnTheTokenCallAlertsTheAdmin()
    {
        fake.FailNext(StableToken, 40164);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => AllArticlesAsync());

        Assert.Equal(WeChatErrorAction.AlertAdmin, ex.Action);
        Assert.Equal(1, fake.Calls(StableToken));
        Assert.Equal(0, fake.Calls(BatchGet));
    }

    [Fact]
    public async Task AMissingArticleIsAPerArticleError()
    {
        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => AllCommentsAsync(404));
        Assert.Equal(WeChatErrorAction.PerArticle, ex.Action);
        Assert.Equal(88001, ex.ErrorCode);
    }

    [Fact]
    public async Task ACustomTextIsSentInTheDocumentedShape()
    {
        await Client.SendCustomTextAsync("oFakeReader000001", "您的诉求已办结", Ct);

        var sent = Assert.Single(fake.SentMessages);
        Assert.Equal("""{"touser":"oFakeReader000001","msgtype":"text","text":{"content":"您的诉求已办结"}}""", sent.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task AClosedCustomerServiceWindowIsNotDeliverable()
    {
        fake.FailNext(CustomSend, 45015);

        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => Client.SendCustomTextAsync("oFakeReader000001", "迟到的回复", Ct));

        Assert.Equal(WeChatErrorAction.NotDeliverable, ex.Action);
        Assert.Equal(1, fake.Calls(CustomSend));
    }

    [Fact]
    public async Task ASecondForcedRefreshWithin30SecondsIsAskedWithoutForce()
    {
        fake.AddArticles(1);
        fake.FailNext(BatchGet, 40001, 40001);
        await AllArticlesAsync();
        fake.FailNext(BatchGet, 40001, 40001);

        clock.Advance(TimeSpan.FromSeconds(10));
        await AllArticlesAsync();

        Assert.Equal(1, fake.ForcedTokenCalls);
        Assert.Equal(5, fake.TokenCalls);
    }

    [Fact]
    public async Task WithoutAppIdTheClientSaysWhatToConfigure()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddWeChatApi(new ConfigurationBuilder().Build());
        await using var unconfigured = collection.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => unconfigured.GetRequiredService<IWeChatApiClient>().SendCustomTextAsync("o1", "x", Ct));

        Assert.Contains("WeChat:Api:AppId and AppSecret are not configured", ex.Message, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
