using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Alerts;
using Monitor.Jobs.Tests.Support;

namespace Monitor.Jobs.Tests.Alerts;

public sealed class AlertChannelTests
{
    private static readonly AlertDigest Digest = new(AlertWorld.EvaluatedAt,
    [
        new AlertNotice
        {
            RuleId = "chaiqian",
            Kind = AlertKind.Fired,
            At = AlertWorld.EvaluatedAt,
            WindowStart = AlertWorld.HourStart,
            WindowEnd = AlertWorld.HourStart.AddHours(1),
            Count = 14,
            Negative = 9,
            BaselineMean = 2.1,
            BaselineDeviation = 1.0,
            Threshold = 5.1,
            Reason = "'拆迁' 今日 14:00–15:00 14 条，同时段基线 2.1±1.0；其中负面 9 条",
            Link = "https://monitor.example.gov.cn/search?q=%E6%8B%86%E8%BF%81&from=a&to=b",
        },
    ]);

    private const string Markdown =
        "### 舆情突发预警：1 条预警\n- 【预警】'拆迁' 今日 14:00–15:00 14 条，同时段基线 2.1±1.0；其中负面 9 条 [查看](https://monitor.example.gov.cn/search?q=%E6%8B%86%E8%BF%81&from=a&to=b)\n";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WeComRobotReceivesItsMarkdownMessage()
    {
        await using var robot = await RobotReceiver.StartAsync();
        var options = new AlertOptions { WeComWebhook = robot.Url("cgi-bin/webhook/send?key=k1") };

        await new WeComChannel(Http(), Options.Create(options)).SendAsync(Digest, Token);

        var (path, body) = Assert.Single(robot.Posts);
        Assert.Equal("/cgi-bin/webhook/send?key=k1", path);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["content"] = Markdown } },
            JsonNode.Parse(body)));
    }

    [Fact]
    public async Task DingTalkRobotReceivesTitleAndTextSigned()
    {
        await using var robot = await RobotReceiver.StartAsync();
        var options = new AlertOptions { DingTalkWebhook = robot.Url("robot/send?access_token=t1"), DingTalkSecret = "SEC000" };
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeMilliseconds(1_764_140_700_000));

        await new DingTalkChannel(Http(), Options.Create(options), clock).SendAsync(Digest, Token);

        var (path, body) = Assert.Single(robot.Posts);
        Assert.StartsWith("/robot/send?access_token=t1&timestamp=1764140700000&sign=", path, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(
            new JsonObject { ["msgtype"] = "markdown", ["markdown"] = new JsonObject { ["title"] = "舆情突发预警：1 条预警", ["text"] = Markdown } },
            JsonNode.Parse(body)));
    }

    [Fact]
    public async Task EmailArrivesWithTheReasonAndTheLink()
    {
        await using var smtp = new SmtpSink();
        var options = new AlertOptions();
        options.Email.Host = "127.0.0.1";
        options.Email.Port = smtp.Port;
        options.Email.Security = "None";
        options.Email.From = "monitor@example.gov.cn";
        options.Email.To.Add("duty@example.gov.cn");

        await new EmailChannel(Options.Create(options)).SendAsync(Digest, Token);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("monitor@example.gov.cn", mail.From);
        Assert.Equal(["duty@example.gov.cn"], mail.To);
        using var parsed = MimeKit.MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(mail.Data)), Token);
        Assert.Equal("舆情突发预警：1 条预警", parsed.Subject);
        Assert.Contains("'拆迁' 今日 14:00–15:00 14 条，同时段基线 2.1±1.0；其中负面 9 条", parsed.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://monitor.example.gov.cn/search?q=%E6%8B%86%E8%BF%81&from=a&to=b", parsed.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusingRobotDoesNotKeepTheOtherFromItsMessage()
    {
        await using var wecom = await RobotReceiver.StartAsync();
        await using var dingtalk = await RobotReceiver.StartAsync();
        wecom.Answer = """{"errcode":93000,"errmsg":"invalid webhook url"}""";
        var options = Options.Create(new AlertOptions { WeComWebhook = wecom.Url("send?key=bad"), DingTalkWebhook = dingtalk.Url("send?access_token=t") });
        IAlertChannel[] channels = [new WeComChannel(Http(), options), new DingTalkChannel(Http(), options, TimeProvider.System), new EmailChannel(options)];

        var failed = await new AlertDispatcher(channels, NullLogger<AlertDispatcher>.Instance).SendAsync(Digest, Token);

        Assert.Equal(["wecom"], failed);
        Assert.Single(dingtalk.Posts);
    }

    private static IHttpClientFactory Http() =>
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();
}
