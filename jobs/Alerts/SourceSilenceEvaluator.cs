using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.Jobs.Sources;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// The silence alert of the ingest health (issue 8, item 6): a source that used to poll successfully and has had no
/// successful poll for <see cref="AlertOptions.SourceSilence"/> raises an alert (rule id <c>source:&lt;id&gt;</c>), with the
/// same spacing, snooze and 恢复 as the burst rules.
/// </summary>
internal sealed class SourceSilenceEvaluator(ISourceHealth health, AlertStateStore state, IOptions<AlertOptions> options, TimeProvider time)
{
    public const string RulePrefix = "source:";

    public async Task<IReadOnlyList<AlertNotice>> EvaluateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow();
        var notices = new List<AlertNotice>();
        if (settings.SourceSilence <= TimeSpan.Zero)
        {
            return notices;
        }

        foreach (var source in (await health.ListAsync(cancellationToken)).OrderBy(s => s.SourceId, StringComparer.Ordinal))
        {
            if (source.LastSuccessAt is not { } last)
            {
                continue;
            }

            var quiet = now - last;
            var silent = quiet >= settings.SourceSilence;
            var ruleId = RulePrefix + source.SourceId;
            var current = await state.GetAsync(ruleId, cancellationToken);
            var snoozed = current.SnoozedUntil is { } until && now < until;
            AlertNotice? notice = null;
            var next = current;
            if (silent)
            {
                if (!snoozed && (current.LastFiredAt is not { } fired || now - fired >= settings.MinimumSpacing))
                {
                    var reason = string.Create(CultureInfo.InvariantCulture,
                        $"来源 '{source.SourceId}' 已 {(int)quiet.TotalHours} 小时没有成功抓取（上次成功 {AlertLinks.China(last)}）")
                        + (source.LastError is { Length: > 0 } error ? "；最近错误：" + error : string.Empty);
                    notice = Notice(ruleId, AlertKind.Fired, now, last, quiet, reason, source.SourceId);
                    next = current with { Firing = true, LastFiredAt = now };
                }
            }
            else if (current.Firing)
            {
                next = current with { Firing = false };
                if (!snoozed)
                {
                    notice = Notice(ruleId, AlertKind.Recovered, now, last, quiet,
                        $"恢复：来源 '{source.SourceId}' 已恢复抓取（{AlertLinks.China(last)} 成功）", source.SourceId);
                }
            }

            if (next != current || notice is not null)
            {
                await state.SaveAsync(next, notice is null ? [] : [notice], cancellationToken);
            }

            if (notice is not null)
            {
                notices.Add(notice);
            }
        }

        return notices;
    }

    private AlertNotice Notice(string ruleId, AlertKind kind, DateTimeOffset now, DateTimeOffset last, TimeSpan quiet, string reason, string sourceId) => new()
    {
        RuleId = ruleId,
        Kind = kind,
        At = now,
        WindowStart = last,
        WindowEnd = now,
        Count = 0,
        Negative = 0,
        BaselineMean = 0,
        BaselineDeviation = 0,
        Threshold = options.Value.SourceSilence.TotalHours,
        Reason = reason,
        Link = (options.Value.DashboardBaseUrl is { } dashboard ? dashboard.AbsoluteUri.TrimEnd('/') : string.Empty)
            + "/sources?id=" + Uri.EscapeDataString(sourceId) + "&quiet=" + ((long)quiet.TotalHours).ToString(CultureInfo.InvariantCulture),
    };
}
