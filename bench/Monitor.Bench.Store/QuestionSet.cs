using Monitor.Bench.Synthetic;
using Monitor.Index.Queries;

namespace Monitor.Bench.Store;

/// <summary>
/// The dashboard's questions with the parameters a user would pick: recent windows (a day to a quarter), the whole
/// history for weekly charts, one account or all, common and rare words. Each run draws new parameters.
/// </summary>
internal sealed class QuestionSet(IMessageQueries queries, DateTimeOffset end, string[] words)
{
    private static readonly string[] Accounts = SyntheticMessages.Accounts;
    private static readonly string[] Topics = ["城乡建设", "环境保护", "交通运输", "教育文体", "劳动和社会保障", "商贸旅游", "卫生计生"];

    private DateTimeOffset Today => new(end.Year, end.Month, end.Day, 0, 0, 0, end.Offset);

    public IEnumerable<(string Name, Func<Random, Task> Run)> All()
    {
        var token = CancellationToken.None;
        yield return ("counts/day by sentiment, 30 days, all accounts", r =>
            queries.CountOverTimeAsync(Days(r, 30), TimeBucket.Day, CountSplit.Sentiment, token));
        yield return ("counts/day by topic, 90 days, one account", r =>
            queries.CountOverTimeAsync(Days(r, 90) with { Account = Pick(r, Accounts) }, TimeBucket.Day, CountSplit.Topic, token));
        yield return ("counts/week by sentiment, 2 years", r =>
            queries.CountOverTimeAsync(MessageFilter.All, TimeBucket.Week, CountSplit.Sentiment, token));
        yield return ("counts/hour by emotion, 7 days, account + negative", r =>
            queries.CountOverTimeAsync(Days(r, 7) with { Account = Pick(r, Accounts), Sentiment = "negative" }, TimeBucket.Hour, CountSplit.Emotion, token));
        yield return ("counts/day by emotion, 30 days, topic + service function", r =>
            queries.CountOverTimeAsync(Days(r, 30) with { Topic = Pick(r, Topics), ServiceFunction = "污染举报" }, TimeBucket.Day, CountSplit.Emotion, token));
        yield return ("counts/day by sentiment, 30 days, keyword", r =>
            queries.CountOverTimeAsync(Days(r, 30) with { Keyword = Pick(r, words) }, TimeBucket.Day, CountSplit.Sentiment, token));
        yield return ("top keywords, 7 days, all accounts", r => queries.TopKeywordsAsync(Days(r, 7), 20, token));
        yield return ("top keywords, 30 days, all accounts", r => queries.TopKeywordsAsync(Days(r, 30), 20, token));
        yield return ("top keywords, 7 days, one account", r => queries.TopKeywordsAsync(Days(r, 7) with { Account = Pick(r, Accounts) }, 20, token));
        yield return ("hot topics, 1 day vs 28 days, all accounts", r =>
        {
            var day = Days(r, 1);
            return queries.HotTopicsAsync(day, day.From!.Value.AddDays(-28), day.From!.Value, 20, token);
        });
        yield return ("hot topics, 7 days vs 28 days, one account", r =>
        {
            var week = Days(r, 7) with { Account = Pick(r, Accounts) };
            return queries.HotTopicsAsync(week, week.From!.Value.AddDays(-28), week.From!.Value, 20, token);
        });
        yield return ("urgent queue, 50, all accounts", _ => queries.UrgentQueueAsync(MessageFilter.All, 50, token));
        yield return ("urgent queue, 50, account + service function", r =>
            queries.UrgentQueueAsync(new MessageFilter { Account = Pick(r, Accounts), ServiceFunction = "污染举报" }, 50, token));
        yield return ("search, common word, page 1", r => queries.SearchAsync(new MessageFilter { Keyword = Pick(r, words) }, 20, null, token));
        yield return ("search, common word, page 2 (cursor)", async r =>
        {
            var filter = new MessageFilter { Keyword = Pick(r, words) };
            var first = await queries.SearchAsync(filter, 20, null, token);
            if (first.NextCursor is not null)
            {
                await queries.SearchAsync(filter, 20, first.NextCursor, token);
            }
        });
        yield return ("search, two words, account + 90 days", r =>
            queries.SearchAsync(Days(r, 90) with { Keyword = Pick(r, words) + " " + Pick(r, words), Account = Pick(r, Accounts) }, 20, null, token));
        yield return ("search, word + negative + 30 days", r =>
            queries.SearchAsync(Days(r, 30) with { Keyword = Pick(r, words), Sentiment = "negative" }, 20, null, token));
        yield return ("citizen thread", r => queries.ThreadAsync("u" + r.Next(2_000).ToString(System.Globalization.CultureInfo.InvariantCulture), 200, token));
        yield return ("near-duplicate cluster", r => queries.ClusterAsync(ClusterNear(r), 100, token));
        yield return ("scorecard, 90 days", r =>
            queries.ScorecardAsync(Pick(r, Accounts), Today.AddDays(-90), Today, end, token));
    }

    /// <summary>The last <paramref name="days"/> whole China days, ending up to 60 days before the end.</summary>
    private MessageFilter Days(Random random, int days)
    {
        var to = Today.AddDays(-random.Next(60));
        return new MessageFilter { From = to.AddDays(-days), To = to };
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];

    /// <summary>Cluster ids are the index + 1 of their first message; a random id is mostly not a cluster, which is also a case.</summary>
    private static long ClusterNear(Random random) => random.Next(1, 1_000_000);
}
