using System.Globalization;
using Monitor.Index.Queries;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// Turns the scorecard into warnings before the inspection's single-veto items trigger (PRODUCT.md idea 1): no post
/// for 10 days warns (the veto comes at 14); unresolved citizen messages past their deadline or older than 72 hours
/// warn of 互动回应差.
/// </summary>
public static class PreVetoWarnings
{
    public static readonly TimeSpan NoUpdateWarning = TimeSpan.FromDays(10);
    public static readonly TimeSpan NoUpdateVeto = TimeSpan.FromDays(14);
    public static readonly TimeSpan UnansweredLimit = TimeSpan.FromHours(72);

    public static IReadOnlyList<PreVetoWarning> From(Scorecard scorecard)
    {
        ArgumentNullException.ThrowIfNull(scorecard);
        var warnings = new List<PreVetoWarning>();
        if (scorecard.SinceLastPost is { } quiet && quiet >= NoUpdateWarning)
        {
            var days = (int)quiet.TotalDays;
            warnings.Add(quiet >= NoUpdateVeto
                ? new PreVetoWarning("no-update", "veto", Format($"已 {days} 天未发布信息，超过 14 天，已触发“长期未更新”单项否决。"))
                : new PreVetoWarning("no-update", "warning", Format($"已 {days} 天未发布信息，再过 {(int)Math.Ceiling((NoUpdateVeto - quiet).TotalDays)} 天将触发“长期未更新”单项否决。")));
        }
        else if (scorecard.SinceLastPost is null && scorecard.Posts == 0)
        {
            warnings.Add(new PreVetoWarning("no-update", "warning", "统计期内没有任何发布记录（未接入文章来源或账号未发布）。"));
        }

        if (scorecard.OldestBacklogAge is { } oldest && oldest >= UnansweredLimit)
        {
            warnings.Add(new PreVetoWarning("no-response", "warning", Format(
                $"{scorecard.Backlog} 条市民留言未办结，最久的已等待 {(int)oldest.TotalHours} 小时（超过 72 小时），有“互动回应差”风险。")));
        }

        if (scorecard.Overdue > 0)
        {
            warnings.Add(new PreVetoWarning("no-response", "warning", Format($"{scorecard.Overdue} 条留言已超过办理期限。")));
        }

        return warnings;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
