using System.Globalization;
using System.Net;
using System.Text;
using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Briefs;

/// <summary>
/// Renders a <see cref="Brief"/> as one self-contained HTML page from fixed templates: the same brief gives the same
/// bytes (invariant culture, ordered inputs, no clock). Every figure links to the dashboard view of the messages behind
/// it; every text from the store (terms, topics, accounts, pseudonyms, alert reasons) is HTML-encoded.
/// </summary>
public static class BriefHtml
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static string Render(Brief brief, Uri? dashboard)
    {
        ArgumentNullException.ThrowIfNull(brief);
        var p = brief.Period;
        var html = new StringBuilder();
        var title = (p.Kind == BriefKind.Daily ? "舆情日报 " : "舆情周报 ") + PeriodText(p);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;max-width:60em;margin:auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}.warning{color:#b00}</style>\n")
            .Append("</head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n")
            .Append("<p>统计时段：").Append(Encode(Time(p.From))).Append(" 至 ").Append(Encode(Time(p.To))).Append("（北京时间），对比上期 ")
            .Append(Encode(Time(p.PreviousFrom))).Append(" 至 ").Append(Encode(Time(p.From))).Append("。</p>\n");

        Volume(html, brief, dashboard);
        Topics(html, brief, dashboard);
        Terms(html, brief, dashboard);
        Scorecards(html, brief, dashboard);
        Cases(html, brief, dashboard);
        Alerts(html, brief);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void Volume(StringBuilder html, Brief brief, Uri? dashboard)
    {
        var p = brief.Period;
        html.Append("<h2>一、声量与情感</h2>\n<table>\n<tr><th>指标</th><th>本期</th><th>上期</th><th>变化</th></tr>\n");
        foreach (var (label, sentiment, now, before) in new (string, string?, long, long)[]
        {
            ("分析留言总量", null, brief.Volume.Total, brief.PreviousVolume.Total),
            ("正面", "positive", brief.Volume.Positive, brief.PreviousVolume.Positive),
            ("负面", "negative", brief.Volume.Negative, brief.PreviousVolume.Negative),
        })
        {
            html.Append("<tr><td>").Append(label).Append("</td><td>")
                .Append(Link(AlertLinks.Search(dashboard, p.From, p.To, sentiment: sentiment), Number(now))).Append("</td><td>")
                .Append(Link(AlertLinks.Search(dashboard, p.PreviousFrom, p.From, sentiment: sentiment), Number(before))).Append("</td><td>")
                .Append(Encode(Change(now, before))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Topics(StringBuilder html, Brief brief, Uri? dashboard)
    {
        var p = brief.Period;
        html.Append("<h2>二、热点话题</h2>\n");
        if (brief.Topics.Count == 0)
        {
            html.Append("<p>本期没有已分析的留言。</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>话题</th><th>本期</th><th>上期</th><th>其中负面</th></tr>\n");
        foreach (var topic in brief.Topics)
        {
            html.Append("<tr><td>").Append(Encode(topic.Label)).Append("</td><td>")
                .Append(Link(AlertLinks.Search(dashboard, p.From, p.To, topic: topic.Label), Number(topic.Count))).Append("</td><td>")
                .Append(Link(AlertLinks.Search(dashboard, p.PreviousFrom, p.From, topic: topic.Label), Number(topic.PreviousCount))).Append("</td><td>")
                .Append(Link(AlertLinks.Search(dashboard, p.From, p.To, topic: topic.Label, sentiment: "negative"), Number(topic.Negative))).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Terms(StringBuilder html, Brief brief, Uri? dashboard)
    {
        var p = brief.Period;
        html.Append("<h2>三、热词</h2>\n");
        if (brief.HotTerms.Count > 0)
        {
            html.Append("<table>\n<tr><th>上升词</th><th>本期</th><th>上期</th><th>G²</th></tr>\n");
            foreach (var term in brief.HotTerms)
            {
                html.Append("<tr><td>").Append(Link(AlertLinks.Search(dashboard, p.From, p.To, keyword: term.Term), term.Term)).Append("</td><td>")
                    .Append(Link(AlertLinks.Search(dashboard, p.From, p.To, keyword: term.Term), Number(term.Count))).Append("</td><td>")
                    .Append(Link(AlertLinks.Search(dashboard, p.PreviousFrom, p.From, keyword: term.Term), Number(term.BaselineCount))).Append("</td><td>")
                    .Append(term.LogLikelihood.ToString("0.0", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append("<p>高频词：");
        for (var i = 0; i < brief.Keywords.Count; i++)
        {
            var keyword = brief.Keywords[i];
            html.Append(i == 0 ? string.Empty : "、")
                .Append(Link(AlertLinks.Search(dashboard, p.From, p.To, keyword: keyword.Term), keyword.Term + "（" + Number(keyword.Count) + "）"));
        }

        html.Append(brief.Keywords.Count == 0 ? "无" : string.Empty).Append("</p>\n");
    }

    private static void Scorecards(StringBuilder html, Brief brief, Uri? dashboard)
    {
        html.Append("<h2>四、考核指标与否决预警</h2>\n");
        if (brief.Scorecards.Count == 0)
        {
            html.Append("<p>未配置考核账号（Briefs:Accounts）。</p>\n");
            return;
        }

        foreach (var (card, warnings) in brief.Scorecards)
        {
            var overview = Href(dashboard, "/overview?account=" + Uri.EscapeDataString(card.Account));
            var cases = AlertLinks.Search(dashboard, card.From, card.To, account: card.Account);
            html.Append("<h3>").Append(Encode(card.Account)).Append("</h3>\n<table>\n");
            Row(html, "发布条数", Link(overview, Number(card.Posts)));
            Row(html, "周均发布", Link(overview, card.PostsPerWeek.ToString("0.0", CultureInfo.InvariantCulture)));
            Row(html, "最长未更新（天）", Link(overview, card.LongestGap.TotalDays.ToString("0.0", CultureInfo.InvariantCulture)));
            Row(html, "市民留言", Link(cases, Number(card.CitizenMessages)));
            Row(html, "已回复", Link(cases, Number(card.Replied)));
            Row(html, "回复率", Link(overview, card.ResponseRate is { } rate ? rate.ToString("0.0%", CultureInfo.InvariantCulture) : "—"));
            Row(html, "未办结", Link(Href(dashboard, "/queue?account=" + Uri.EscapeDataString(card.Account)), Number(card.Backlog)));
            Row(html, "超期", Link(Href(dashboard, "/queue?account=" + Uri.EscapeDataString(card.Account)), Number(card.Overdue)));
            html.Append("</table>\n");
            foreach (var warning in warnings)
            {
                html.Append("<p class=\"warning\">【").Append(warning.Severity == "veto" ? "否决" : "预警").Append('】')
                    .Append(Encode(warning.Message)).Append("</p>\n");
            }
        }
    }

    private static void Cases(StringBuilder html, Brief brief, Uri? dashboard)
    {
        html.Append("<h2>五、最紧急的未办结留言</h2>\n");
        if (brief.Cases.Count == 0)
        {
            html.Append("<p>无未办结留言。</p>\n");
            return;
        }

        html.Append("<table>\n<tr><th>案件编号</th><th>留言人（化名）</th><th>账号</th><th>状态</th><th>紧急度</th><th>办理期限</th></tr>\n");
        foreach (var item in brief.Cases)
        {
            html.Append("<tr><td>").Append(Link(Href(dashboard, "/queue?case=" + Uri.EscapeDataString(item.CaseNumber)), item.CaseNumber)).Append("</td><td>")
                .Append(Encode(item.Author ?? "—")).Append("</td><td>").Append(Encode(item.Account)).Append("</td><td>")
                .Append(Encode(item.Status)).Append("</td><td>").Append(item.Urgency.ToString(CultureInfo.InvariantCulture)).Append("</td><td>")
                .Append(item.Deadline is { } deadline ? Encode(Time(deadline)) : "—").Append("</td></tr>\n");
        }

        html.Append("</table>\n");
    }

    private static void Alerts(StringBuilder html, Brief brief)
    {
        html.Append("<h2>六、本期预警</h2>\n");
        if (brief.Alerts.Count == 0)
        {
            html.Append("<p>本期没有突发预警。</p>\n");
            return;
        }

        html.Append("<ul>\n");
        foreach (var alert in brief.Alerts)
        {
            html.Append("<li>").Append(Encode(Time(alert.At))).Append(' ')
                .Append(alert.Kind == AlertKind.Recovered ? "【恢复】" : "【预警】")
                .Append(Link(alert.Link, alert.Reason)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><td>").Append(label).Append("</td><td>").Append(value).Append("</td></tr>\n");

    private static string Link(string href, string text) =>
        "<a href=\"" + Encode(href) + "\">" + Encode(text) + "</a>";

    private static string Href(Uri? dashboard, string path) => dashboard is null ? path : dashboard.AbsoluteUri.TrimEnd('/') + path;

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Change(long now, long before)
    {
        var delta = now - before;
        var sign = delta > 0 ? "+" : string.Empty;
        return before == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{delta}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{delta}（{sign}{(double)delta / before:0.0%}）");
    }

    private static string Time(DateTimeOffset time) => time.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string PeriodText(BriefPeriod p) => p.Kind == BriefKind.Daily
        ? p.From.ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : p.From.ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 至 " + p.To.AddDays(-1).ToOffset(China).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
