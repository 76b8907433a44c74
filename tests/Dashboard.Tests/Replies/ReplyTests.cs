using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Dashboard.Replies;
using Monitor.Dashboard.Tests.Support;
using Monitor.Index;
using Monitor.Ingest.Tests.WeChat.Api;

namespace Monitor.Dashboard.Tests.Replies;

/// <summary>
/// Responders' replies through WeChat's customer-service API, against the local fake of api.weixin.qq.com: the OpenID
/// found again from the stored delivery, the reply stored with WeChat's answer, the 48-hour window and the five-message
/// budget refused before any call, a whole near-duplicate cluster answered once per citizen, the case-number lookup.
/// </summary>
public sealed class ReplyTests : IClassFixture<ReplyTests.World>
{
    private const string SendPath = "cgi-bin/message/custom/send";
    private readonly World _world;

    public ReplyTests(World world) => _world = world;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AReplyGoesToTheCitizensOpenIdAndIsStoredWithWeChatsAnswer()
    {
        const string openId = "oReplyCitizen0000000000000001";
        var message = await _world.SendAsync(openId, "小区门口的井盖丢了，晚上很危险");
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");

        using var response = await responder.PostAsJsonAsync($"/api/cases/{message.Id}/reply", new { text = "已通知市政连夜补上井盖，感谢提醒。" }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("sent", result.GetProperty("status").GetString());
        Assert.Equal(ReplyWindow.Budget - 1, result.GetProperty("messagesLeft").GetInt32());
        var sent = Assert.Single(_world.Api.SentMessages, m => m["touser"]!.GetValue<string>() == openId);
        Assert.Equal("已通知市政连夜补上井盖，感谢提醒。", sent["text"]!["content"]!.GetValue<string>());
        var replies = await responder.GetFromJsonAsync<JsonElement>($"/api/cases/{message.Id}/replies", Token);
        Assert.Equal("sent", Assert.Single(replies.EnumerateArray()).GetProperty("status").GetString());
        var stored = await _world.App.Store.GetAsync(message.Id, Token);
        Assert.Equal("replied", stored!.Case!.Status);

        var queue = await responder.GetFromJsonAsync<JsonElement>("/api/queue?count=500", Token);
        var item = queue.EnumerateArray().Single(i => i.GetProperty("id").GetInt64() == message.Id);
        Assert.Equal("wechat", item.GetProperty("replyChannel").GetString());
        Assert.Equal(ReplyWindow.Budget - 1, item.GetProperty("messagesLeft").GetInt32());
        Assert.True(item.GetProperty("windowHoursLeft").GetDouble() > 47);
    }

    [Fact]
    public async Task AClosedWindowIsRefusedWithoutCallingWeChat()
    {
        const string openId = "oReplyCitizen0000000000000002";
        var threeDaysAgo = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds();
        var message = await _world.SendAsync(openId, "上周反映的垃圾站异味问题还没处理", threeDaysAgo);
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");

        using var response = await responder.PostAsJsonAsync($"/api/cases/{message.Id}/reply", new { text = "正在处理" }, Token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Contains("48 小时客服消息窗口已关闭", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Api.SentMessages, m => m["touser"]!.GetValue<string>() == openId);
        Assert.Equal("open", (await _world.App.Store.GetAsync(message.Id, Token))!.Case!.Status);
    }

    [Fact]
    public async Task TheSixthMessageInOneWindowIsRefused()
    {
        const string openId = "oReplyCitizen0000000000000003";
        var message = await _world.SendAsync(openId, "咨询一下新生儿医保怎么办理");
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");
        for (var i = 1; i <= ReplyWindow.Budget; i++)
        {
            using var ok = await responder.PostAsJsonAsync($"/api/cases/{message.Id}/reply", new { text = $"第 {i} 条说明" }, Token);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var sixth = await responder.PostAsJsonAsync($"/api/cases/{message.Id}/reply", new { text = "第 6 条说明" }, Token);

        Assert.Equal(HttpStatusCode.Conflict, sixth.StatusCode);
        Assert.Contains("5 条客服消息已用完", (await sixth.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ReplyWindow.Budget, _world.Api.SentMessages.Count(m => m["touser"]!.GetValue<string>() == openId));
    }

    [Fact]
    public async Task WeChatRefusingTheMessageLeavesTheReplyStoredAsFailedAndTheCaseOpen()
    {
        const string openId = "oReplyCitizen0000000000000004";
        var message = await _world.SendAsync(openId, "公交站牌被撞坏了");
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");
        _world.Api.FailNext(SendPath, 45015);

        using var response = await responder.PostAsJsonAsync($"/api/cases/{message.Id}/reply", new { text = "已转交交通局" }, Token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("45015", (await response.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var reply = Assert.Single((await responder.GetFromJsonAsync<JsonElement>($"/api/cases/{message.Id}/replies", Token)).EnumerateArray());
        Assert.Equal("failed", reply.GetProperty("status").GetString());
        Assert.Equal(45015, reply.GetProperty("errorCode").GetInt32());
        Assert.Equal("open", (await _world.App.Store.GetAsync(message.Id, Token))!.Case!.Status);
    }

    [Fact]
    public async Task AWholeClusterIsAnsweredOncePerCitizen()
    {
        const string text = "幸福路和建设路路口的红绿灯坏了三天了，早晚高峰堵得走不动，请交警部门尽快修复";
        var first = await _world.SendAsync("oClusterCitizen000000000000A", text);
        var second = await _world.SendAsync("oClusterCitizen000000000000B", text + "！");
        var third = await _world.SendAsync("oClusterCitizen000000000000A", text + "！！");
        var cluster = first.Analysis!.NearDuplicate!.ClusterId;
        Assert.Equal(cluster, second.Analysis!.NearDuplicate!.ClusterId);
        Assert.Equal(cluster, third.Analysis!.NearDuplicate!.ClusterId);
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");

        using var response = await responder.PostAsJsonAsync($"/api/clusters/{cluster}/reply", new { text = "交警已到场维修信号灯，今晚恢复。" }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(2, result.GetProperty("sent").GetInt32());
        Assert.Equal(1, result.GetProperty("recorded").GetInt32());
        Assert.Equal(1, _world.Api.SentMessages.Count(m => m["touser"]!.GetValue<string>() == "oClusterCitizen000000000000A"));
        Assert.Equal(1, _world.Api.SentMessages.Count(m => m["touser"]!.GetValue<string>() == "oClusterCitizen000000000000B"));
        foreach (var member in new[] { first, second, third })
        {
            Assert.Equal("replied", (await _world.App.Store.GetAsync(member.Id, Token))!.Case!.Status);
        }
    }

    [Fact]
    public async Task ACaseIsFoundByItsNumberAndABadNumberIsExplained()
    {
        var message = await _world.SendAsync("oReplyCitizen0000000000000005", "请问居住证到期了在哪里续签");
        using var responder = await SignedInClient.CreateAsync(_world.App, "responder");

        var found = await responder.GetFromJsonAsync<JsonElement>($"/api/cases/lookup?number={message.CaseNumber}", Token);
        Assert.Equal(message.Id, found.GetProperty("id").GetInt64());
        Assert.Equal(message.Message.Text, found.GetProperty("text").GetString());

        using var bad = await responder.GetAsync("/api/cases/lookup?number=abc", Token);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("20261126-000123", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var missing = await responder.GetAsync("/api/cases/lookup?number=20000101-999999", Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>The app with its WeChat API pointed at a local fake; messages arrive through the signed callback.</summary>
    public sealed class World : IAsyncLifetime
    {
        internal FakeWeChatApi Api { get; private set; } = null!;

        public MonitorAppFactory App { get; } = new();

        public async ValueTask InitializeAsync()
        {
            Api = await FakeWeChatApi.StartAsync(TestContext.Current.CancellationToken);
            App.Settings["WeChat:Api:BaseAddress"] = Api.BaseAddress.ToString();
            App.Settings["WeChat:Api:AppId"] = FakeWeChatApi.AppId;
            App.Settings["WeChat:Api:AppSecret"] = FakeWeChatApi.AppSecret;
            RoleUsers.Create(App);
        }

        /// <summary>Sends a citizen message through the callback and returns it analysed.</summary>
        public async Task<StoredMessage> SendAsync(string openId, string text, long? createTime = null)
        {
            var msgId = Random.Shared.NextInt64(1, long.MaxValue).ToString(CultureInfo.InvariantCulture);
            using var http = App.CreateClient();
            using var response = await http.SendAsync(SignedDelivery.Post(MonitorAppFactory.Token, SignedDelivery.TextXml(msgId, text, openId, createTime)), Token);
            response.EnsureSuccessStatusCode();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                var stored = (await App.Store.LatestAsync(500, null, Token)).SingleOrDefault(m => m.Message.SourceId == msgId);
                if (stored is { AnalysisState: "done" } || DateTime.UtcNow > deadline)
                {
                    Assert.NotNull(stored);
                    return stored;
                }

                await Task.Delay(100, Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Api.DisposeAsync();
        }
    }
}
