using System.Globalization;
using System.Text;

namespace Monitor.Jobs.Alerts;

/// <summary>Links to the dashboard's search over the messages behind a figure: <c>/search?q=…&amp;from=…&amp;to=…</c>.</summary>
public static class AlertLinks
{
    public static string Search(
        Uri? dashboard, DateTimeOffset from, DateTimeOffset to, string? keyword = null, string? topic = null, string? sentiment = null, string? account = null)
    {
        var link = new StringBuilder("/search?q=").Append(Uri.EscapeDataString(keyword ?? string.Empty))
            .Append("&from=").Append(Uri.EscapeDataString(China(from)))
            .Append("&to=").Append(Uri.EscapeDataString(China(to)));
        Append(link, "topic", topic);
        Append(link, "sentiment", sentiment);
        Append(link, "account", account);
        return dashboard is null ? link.ToString() : dashboard.AbsoluteUri.TrimEnd('/') + link;
    }

    /// <summary>ISO 8601 in China time (<c>2026-11-26T14:00:00+08:00</c>).</summary>
    public static string China(DateTimeOffset time) =>
        time.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder link, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            link.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }
}
