using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Sources;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// Forwards the ingest alerts (a token refused, the IP not whitelisted, the daily quota reached, an article gone) to
/// the alert channels with the burst alerts and the silence alerts, so an administrator hears of them without
/// opening the health page. Each alert is forwarded once (a cursor in the alert state), and one source's same error
/// at most once per <see cref="AlertOptions.MinimumSpacing"/> (a refused IP repeats on every poll). On the first run,
/// only the last day is forwarded, not the whole history.
/// </summary>
internal sealed class IngestAlertForwarder(ISourceHealth health, AlertStateStore state, IOptions<AlertOptions> options, TimeProvider time)
{
    public const string RulePrefix = "ingest:";
    private const string CursorRule = "ingest-alerts-forwarded";
    private const int MaxPerRun = 200;

    public async Task<IReadOnlyList<AlertNotice>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var cursor = await state.GetAsync(CursorRule, cancellationToken);
        var since = cursor.LastFiredAt ?? now.AddDays(-1);
        var fresh = (await health.AlertsAsync(MaxPerRun, cancellationToken)).Where(a => a.Time > since).OrderBy(a => a.Time).ToList();
        var notices = new List<AlertNotice>();
        foreach (var alert in fresh)
        {
            var ruleId = string.Create(CultureInfo.InvariantCulture, $"{RulePrefix}{alert.SourceId}:{alert.Code}");
            var current = await state.GetAsync(ruleId, cancellationToken);
            var snoozed = current.SnoozedUntil is { } until && now < until;
            if (snoozed || (current.LastFiredAt is { } last && alert.Time - last < settings.MinimumSpacing))
            {
                continue;
            }

            var notice = new AlertNotice
            {
                RuleId = ruleId,
                Kind = AlertKind.Fired,
                At = now,
                WindowStart = alert.Time,
                WindowEnd = alert.Time,
                Count = 1,
                Negative = 0,
                BaselineMean = 0,
                BaselineDeviation = 0,
                Threshold = 0,
                Reason = string.Create(CultureInfo.InvariantCulture,
                    $"来源 '{alert.SourceId}' 抓取出错 {alert.Code}（{Action(alert.Action)}；出错于 {AlertLinks.China(alert.Time)}）：{alert.Message}"),
                Link = (settings.DashboardBaseUrl is { } dashboard ? dashboard.AbsoluteUri.TrimEnd('/') : string.Empty)
                    + "/admin?source=" + Uri.EscapeDataString(alert.SourceId),
            };
            await state.SaveAsync(current with { Firing = true, LastFiredAt = alert.Time }, [notice], cancellationToken);
            notices.Add(notice);
        }

        if (fresh.Count > 0)
        {
            await state.SaveAsync(cursor with { LastFiredAt = fresh[^1].Time }, [], cancellationToken);
        }

        return notices;
    }

    private static string Action(string action) => action switch
    {
        "StopUntilTomorrow" => "今日配额已用尽，暂停至次日",
        "AlertAdmin" => "需管理员处理",
        "DisableFeature" => "接口无权限或未配置",
        "PerArticle" => "单篇文章出错",
        _ => action,
    };
}
