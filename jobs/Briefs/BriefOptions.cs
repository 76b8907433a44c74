namespace Monitor.Jobs.Briefs;

/// <summary>The daily and weekly brief, bound from the configuration section <c>Briefs</c>.</summary>
public sealed class BriefOptions
{
    public const string SectionName = "Briefs";

    /// <summary>Cron (Quartz syntax, China time) of the daily brief, covering the day before; 07:30 by default.</summary>
    public string DailyCron { get; set; } = "0 30 7 * * ?";

    /// <summary>Cron of the weekly brief, covering last Monday–Sunday; Monday 08:00 by default.</summary>
    public string WeeklyCron { get; set; } = "0 0 8 ? * MON";

    /// <summary>The accounts whose scorecard the brief carries (WeChat gh_ ids, site names).</summary>
    public IList<string> Accounts { get; } = [];

    /// <summary>Where links point (<c>https://monitor.example.gov.cn</c>); empty gives links relative to the dashboard.</summary>
    public Uri? DashboardBaseUrl { get; set; }

    /// <summary>The folder in <c>Monitor:DataDirectory</c> the briefs are written to.</summary>
    public string Folder { get; set; } = "briefs";

    public int TopTopics { get; set; } = 10;

    public int TopTerms { get; set; } = 10;

    public int UrgentCases { get; set; } = 10;
}
