using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Index.Queries;
using Monitor.Jobs.Alerts;

namespace Monitor.Jobs.Briefs;

/// <summary>Reads every figure of a brief from the store (and the alert log); nothing here depends on the time it runs.</summary>
internal sealed class BriefBuilder(IMessageQueries queries, IAlertFeed alerts, IOptions<BriefOptions> options)
{
    public async Task<Brief> BuildAsync(BriefPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var settings = options.Value;
        var current = new MessageFilter { From = period.From, To = period.To };
        var previous = new MessageFilter { From = period.PreviousFrom, To = period.From };
        var topics = await TopicCountsAsync(current, cancellationToken);
        var previousTopics = await TopicCountsAsync(previous, cancellationToken);
        var negativeTopics = await TopicCountsAsync(current with { Sentiment = "negative" }, cancellationToken);
        var scorecards = new List<BriefScorecard>();
        foreach (var account in settings.Accounts.Order(StringComparer.Ordinal))
        {
            var card = await queries.ScorecardAsync(account, period.From, period.To, period.To, cancellationToken);
            scorecards.Add(new BriefScorecard(card, PreVetoWarnings.From(card)));
        }

        var urgent = await queries.UrgentQueueAsync(MessageFilter.All, settings.UrgentCases, cancellationToken);
        var raised = await alerts.ListAsync(period.From, period.To, 500, cancellationToken);
        return new Brief
        {
            Period = period,
            Volume = await VolumeAsync(current, cancellationToken),
            PreviousVolume = await VolumeAsync(previous, cancellationToken),
            Topics = [.. topics
                .OrderByDescending(t => t.Value).ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(settings.TopTopics)
                .Select(t => new BriefTopic(t.Key, t.Value, previousTopics.GetValueOrDefault(t.Key), negativeTopics.GetValueOrDefault(t.Key)))],
            HotTerms = await queries.HotTopicsAsync(current, period.PreviousFrom, period.From, settings.TopTerms, cancellationToken),
            Keywords = await queries.TopKeywordsAsync(current, settings.TopTerms, cancellationToken),
            Scorecards = scorecards,
            // A sealed 涉黑举报 case is listed (the desk must see it is open) but not who reported it: officials read briefs.
            Cases = [.. urgent.Select(m => new BriefCase(
                m.CaseNumber, SealedMessages.IsSealed(m.Message.SourceKind, m.Analysis?.ServiceFunction?.Label) ? null : m.Message.Author, m.Message.Account, m.Case?.Status ?? "open", m.Analysis?.Urgency?.Score ?? 0, m.Case?.Deadline))],
            Alerts = [.. raised.OrderBy(a => a.At).ThenBy(a => a.RuleId, StringComparer.Ordinal)],
        };
    }

    private async Task<BriefVolume> VolumeAsync(MessageFilter filter, CancellationToken cancellationToken)
    {
        var counts = await queries.CountOverTimeAsync(filter, TimeBucket.Day, CountSplit.Sentiment, cancellationToken);
        return new BriefVolume(
            counts.Sum(c => c.Count),
            counts.Where(c => c.Value == "positive").Sum(c => c.Count),
            counts.Where(c => c.Value == "negative").Sum(c => c.Count));
    }

    private async Task<Dictionary<string, long>> TopicCountsAsync(MessageFilter filter, CancellationToken cancellationToken) =>
        (await queries.CountOverTimeAsync(filter, TimeBucket.Day, CountSplit.Topic, cancellationToken))
            .GroupBy(c => c.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
}
