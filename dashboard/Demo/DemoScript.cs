using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Monitor.Dashboard.Demo;

/// <summary>
/// What the simulated citizens say: messages built from places, services and complaints typical of a county
/// account (our own phrasing, no third-party text), in the XML shape of WECHAT.md §2.
/// </summary>
internal static class DemoScript
{
    private static readonly string[] Places = ["城关镇", "诸福屯镇", "新城铺镇", "南牛乡", "北早现乡", "西平乐乡", "正定古城", "隆兴寺附近", "恒州南街", "燕赵南大街"];

    private static readonly string[] Negative =
    [
        "{0}有家工厂晚上偷偷排污，河水发黑发臭，已经好几天了，请环保部门尽快来查！",
        "{0}小区门口的路灯坏了一个多月，晚上老人孩子出门很危险，打了几次电话都没人管。",
        "我在{0}申请低保三个月了还没有结果，去问也没人说清楚，太让人失望了。",
        "{0}的拆迁安置款到现在还没发，我们一家租房住，实在等不起了。",
        "举报{0}有人强迫商户交所谓的管理费，不交就砸店，希望扫黑除恶能管一管。",
        "{0}菜市场旁边的垃圾堆了好几天没人清理，臭气熏天，苍蝇到处都是。",
        "医保异地报销的材料交了两次都被退回，窗口态度很差，{0}办事太难了。",
        "{0}工地半夜还在施工，噪音吵得孩子没法睡觉，投诉了也没用。",
    ];

    private static readonly string[] Positive =
    [
        "感谢{0}网格员上门帮我老母亲办好了医保，服务特别热情，点赞！",
        "{0}新修的公园很漂亮，晚上散步的人很多，谢谢政府为老百姓办实事。",
        "上周反映的{0}路面塌陷问题今天已经修好了，效率很高，非常满意。",
        "在{0}便民服务中心办营业执照，一次就办成了，工作人员很耐心，谢谢！",
        "{0}的12345热线回复很及时，问题当天就解决了，为你们的服务点赞。",
    ];

    private static readonly string[] Questions =
    [
        "请问{0}的居民办理居住证需要带哪些材料？在哪里办？",
        "{0}今年的新农合缴费截止到哪天？可以在手机上交吗？",
        "想咨询一下{0}老旧小区改造什么时候开始，需要居民出钱吗？",
        "请问{0}的疫苗接种点周末开门吗？",
    ];

    public static IReadOnlyList<string> Citizens(int count) =>
        Enumerable.Range(0, count)
            .Select(_ => "o" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-", 27))
            .ToList();

    public static XElement CitizenMessage(string account, string openId, DateTimeOffset now)
    {
        var pool = Random.Shared.Next(10) switch
        {
            < 5 => Negative,
            < 8 => Questions,
            _ => Positive,
        };
        var text = string.Format(CultureInfo.InvariantCulture, pool[Random.Shared.Next(pool.Length)], Places[Random.Shared.Next(Places.Length)]);
        var msgId = Random.Shared.NextInt64(1_000_000_000_000_000_000, long.MaxValue).ToString(CultureInfo.InvariantCulture);
        return Envelope(account, openId, now, "text", new XElement("Content", new XCData(text)), new XElement("MsgId", msgId));
    }

    public static XElement MenuClick(string account, string openId, DateTimeOffset now) =>
        Envelope(account, openId, now, "event",
            new XElement("Event", new XCData("CLICK")),
            new XElement("EventKey", new XCData(Random.Shared.Next(3) switch { 0 => "SERVICE_QUERY", 1 => "REPORT_POLLUTION", _ => "REPORT_GANG" })));

    public static XElement Subscribe(string account, string openId, DateTimeOffset now) =>
        Envelope(account, openId, now, "event", new XElement("Event", new XCData("subscribe")), new XElement("EventKey", new XCData(string.Empty)));

    private static XElement Envelope(string account, string openId, DateTimeOffset now, string type, params XElement[] payload) =>
        new("xml",
            new XElement("ToUserName", new XCData(account)),
            new XElement("FromUserName", new XCData(openId)),
            new XElement("CreateTime", now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new XElement("MsgType", new XCData(type)),
            payload);
}
