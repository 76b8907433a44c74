using System.Globalization;
using System.Text;

namespace Monitor.Jobs.Alerts;

/// <summary>Everything one evaluation found, sent as one message per channel instead of a flood.</summary>
public sealed record AlertDigest(DateTimeOffset At, IReadOnlyList<AlertNotice> Notices)
{
    public string Title
    {
        get
        {
            var fired = Notices.Count(n => n.Kind == AlertKind.Fired);
            var recovered = Notices.Count - fired;
            var parts = new List<string>();
            if (fired > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{fired} 条预警"));
            }

            if (recovered > 0)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{recovered} 条恢复"));
            }

            return "舆情突发预警：" + string.Join("，", parts);
        }
    }

    /// <summary>The markdown both group robots render: a heading, then one line per notice with its link.</summary>
    public string Markdown()
    {
        var text = new StringBuilder();
        text.Append("### ").Append(Title).Append('\n');
        foreach (var notice in Notices)
        {
            text.Append("- ").Append(notice.Kind == AlertKind.Recovered ? "【恢复】" : "【预警】")
                .Append(notice.Reason).Append(" [查看](").Append(notice.Link).Append(")\n");
        }

        return text.ToString();
    }

    /// <summary>The plain text of the e-mail.</summary>
    public string PlainText()
    {
        var text = new StringBuilder();
        text.Append(Title).Append('\n').Append('\n');
        foreach (var notice in Notices)
        {
            text.Append(notice.Kind == AlertKind.Recovered ? "【恢复】" : "【预警】").Append(notice.Reason).Append('\n')
                .Append("  ").Append(notice.Link).Append('\n');
        }

        return text.ToString();
    }
}
