namespace Monitor.Jobs.Alerts;

/// <summary>Burst alerts and their channels, bound from the configuration section <c>Alerts</c>.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    public IList<AlertRule> Rules { get; } = [];

    /// <summary>Cron (Quartz syntax, China time) of the evaluation; five minutes past every hour by default.</summary>
    public string EvaluationCron { get; set; } = "0 5 * * * ?";

    /// <summary>How many previous weeks give the baseline of an hour (same weekday, same hour).</summary>
    public int BaselineWeeks { get; set; } = 4;

    /// <summary>The least time between two alerts of one rule.</summary>
    public TimeSpan MinimumSpacing { get; set; } = TimeSpan.FromHours(6);

    /// <summary>A source with no successful poll for this long raises a silence alert (zero turns it off).</summary>
    public TimeSpan SourceSilence { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Where links in alerts point (<c>https://monitor.example.gov.cn</c>); empty gives relative links.</summary>
    public Uri? DashboardBaseUrl { get; set; }

    /// <summary>The alert state database in <c>Monitor:DataDirectory</c>.</summary>
    public string DatabaseFile { get; set; } = "alerts.db";

    /// <summary>A WeCom group robot webhook (<c>https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…</c>); from the environment.</summary>
    public Uri? WeComWebhook { get; set; }

    /// <summary>A DingTalk group robot webhook (<c>https://oapi.dingtalk.com/robot/send?access_token=…</c>); from the environment.</summary>
    public Uri? DingTalkWebhook { get; set; }

    /// <summary>The DingTalk robot's signing secret (加签), when the robot has one.</summary>
    public string? DingTalkSecret { get; set; }

    public AlertEmailOptions Email { get; set; } = new();
}
