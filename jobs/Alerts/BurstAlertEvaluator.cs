using System.Globalization;
using Microsoft.Extensions.Options;
using Monitor.Index.Queries;

namespace Monitor.Jobs.Alerts;

/// <summary>
/// Evaluates every burst rule on the last full hour (China time) against the same hour on the same weekday of the
/// previous weeks (PRODUCT.md idea 5), with hygiene: a firing rule stays quiet for <see cref="AlertOptions.MinimumSpacing"/>,
/// a snoozed rule stays quiet until its snooze ends, a firing rule whose count falls back under its threshold sends
/// one 恢复 notice. All notices of one run come back as one <see cref="AlertDigest"/>.
/// </summary>
internal sealed class BurstAlertEvaluator(IMessageQueries queries, AlertStateStore state, IOptions<AlertOptions> options, TimeProvider time)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Evaluates every rule now; null when nothing is to be sent.</summary>
    public async Task<AlertDigest?> EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var windowEnd = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var windowStart = windowEnd.AddHours(-1);
        var notices = new List<AlertNotice>();
        foreach (var rule in options.Value.Rules)
        {
            if (await EvaluateAsync(rule, now, windowStart, windowEnd, cancellationToken) is { } notice)
            {
                notices.Add(notice);
            }
        }

        return notices.Count == 0 ? null : new AlertDigest(now, notices);
    }

    private async Task<AlertNotice?> EvaluateAsync(AlertRule rule, DateTimeOffset now, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var (count, negative) = await CountAsync(rule, start, end, cancellationToken);
        var history = new List<long>(settings.BaselineWeeks);
        for (var week = 1; week <= settings.BaselineWeeks; week++)
        {
            history.Add((await CountAsync(rule, start.AddDays(-7 * week), end.AddDays(-7 * week), cancellationToken)).Count);
        }

        var baseline = AlertBaseline.From(history);
        var threshold = baseline.Threshold(rule.ThresholdFactor, rule.MinimumCount);
        var current = await state.GetAsync(rule.Id, cancellationToken);
        var snoozed = current.SnoozedUntil is { } until && now < until;
        AlertNotice? notice = null;
        var next = current;
        if (count >= threshold)
        {
            var spaced = current.LastFiredAt is not { } last || now - last >= settings.MinimumSpacing;
            if (!snoozed && spaced)
            {
                notice = Notice(rule, AlertKind.Fired, now, start, end, count, negative, baseline, threshold);
                next = current with { Firing = true, LastFiredAt = now };
            }
        }
        else if (current.Firing)
        {
            next = current with { Firing = false };
            if (!snoozed)
            {
                notice = Notice(rule, AlertKind.Recovered, now, start, end, count, negative, baseline, threshold);
            }
        }

        if (next != current || notice is not null)
        {
            await state.SaveAsync(next, notice is null ? [] : [notice], cancellationToken);
        }

        return notice;
    }

    private async Task<(long Count, long Negative)> CountAsync(AlertRule rule, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var series = await queries.CountOverTimeAsync(Filter(rule, from, to), TimeBucket.Hour, CountSplit.Sentiment, cancellationToken);
        return (series.Sum(c => c.Count), series.Where(c => c.Value == "negative").Sum(c => c.Count));
    }

    internal static MessageFilter Filter(AlertRule rule, DateTimeOffset from, DateTimeOffset to) => new()
    {
        Account = string.IsNullOrWhiteSpace(rule.Account) ? null : rule.Account,
        From = from,
        To = to,
        Keyword = rule.Split == AlertSplit.Keyword ? rule.Value : null,
        Topic = rule.Split == AlertSplit.Topic ? rule.Value : null,
        Sentiment = rule.Split == AlertSplit.Sentiment ? rule.Value : null,
    };

    private AlertNotice Notice(
        AlertRule rule, AlertKind kind, DateTimeOffset now, DateTimeOffset start, DateTimeOffset end, long count, long negative, AlertBaseline baseline, double threshold)
    {
        var subject = Subject(rule);
        var hours = string.Create(CultureInfo.InvariantCulture, $"{start.ToOffset(ChinaOffset):HH:mm}–{end.ToOffset(ChinaOffset):HH:mm}");
        var figures = string.Create(CultureInfo.InvariantCulture, $"{count} 条，同时段基线 {baseline.Mean:0.0}±{baseline.StandardDeviation:0.0}");
        var reason = kind == AlertKind.Fired
            ? $"{subject} 今日 {hours} {figures}"
                + (rule.Split == AlertSplit.Sentiment ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"；其中负面 {negative} 条"))
            : $"恢复：{subject} 今日 {hours} {figures}，已回落至阈值 {threshold.ToString("0.0", CultureInfo.InvariantCulture)} 以下";
        if (!string.IsNullOrWhiteSpace(rule.Account))
        {
            reason = $"[{rule.Account}] {reason}";
        }

        return new AlertNotice
        {
            RuleId = rule.Id,
            Kind = kind,
            At = now,
            WindowStart = start,
            WindowEnd = end,
            Count = count,
            Negative = negative,
            BaselineMean = baseline.Mean,
            BaselineDeviation = baseline.StandardDeviation,
            Threshold = threshold,
            Reason = reason,
            Link = AlertLinks.Search(
                options.Value.DashboardBaseUrl, start, end,
                keyword: rule.Split == AlertSplit.Keyword ? rule.Value : null,
                topic: rule.Split == AlertSplit.Topic ? rule.Value : null,
                sentiment: rule.Split == AlertSplit.Sentiment ? rule.Value : null,
                account: string.IsNullOrWhiteSpace(rule.Account) ? null : rule.Account),
        };
    }

    private static string Subject(AlertRule rule) => rule.Split switch
    {
        AlertSplit.Topic => $"话题“{rule.Value}”",
        AlertSplit.Sentiment => rule.Value == "negative" ? "负面留言" : "正面留言",
        _ => $"'{rule.Value.Replace(" ", string.Empty, StringComparison.Ordinal)}'",
    };
}
