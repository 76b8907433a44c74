using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Index.Queries;
using Monitor.Jobs.Alerts;

namespace Monitor.Dashboard.Api;

/// <summary>What officials watch: sentiment, topics and emotions over time, keywords, hot topics, the scorecard.</summary>
internal static class OverviewEndpoints
{
    public static IEndpointRouteBuilder MapOverviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/overview", OverviewAsync).RequireAuthorization(Policies.Overview).WithName("Overview");
        app.MapGet("/api/scorecard", ScorecardAsync).RequireAuthorization(Policies.Scorecard).WithName("Scorecard");
        app.MapGet("/api/alerts", async (IAlertFeed alerts, TimeProvider time, CancellationToken cancellationToken) =>
            TypedResults.Ok(await alerts.ListAsync(time.GetUtcNow().AddDays(-7), time.GetUtcNow().AddMinutes(1), 50, cancellationToken)))
            .RequireAuthorization(Policies.Overview).WithName("Alerts");
        return app;
    }

    private static async Task<Results<Ok<Overview>, ValidationProblem>> OverviewAsync(
        IMessageQueries queries, TimeProvider time, CancellationToken cancellationToken,
        int days = 30, string split = "sentiment", string? account = null, string? topic = null, string? sentiment = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (days is < 1 or > 366)
        {
            errors["days"] = [$"days must be between 1 and 366, was {days}"];
        }

        if (!Enum.TryParse<CountSplit>(split, ignoreCase: true, out var countSplit))
        {
            errors["split"] = [$"split must be sentiment, topic or emotion, was '{split}'"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var filter = new MessageFilter { Account = account, Topic = topic, Sentiment = sentiment, From = now.AddDays(-days), To = now.AddMinutes(1) };
        var counts = await queries.CountOverTimeAsync(filter, days > 3 ? TimeBucket.Day : TimeBucket.Hour, countSplit, cancellationToken);
        var keywords = await queries.TopKeywordsAsync(filter, 30, cancellationToken);
        // Hot topics: the last 24 hours against the 7 days before them.
        var hot = await queries.HotTopicsAsync(filter with { From = now.AddDays(-1) }, now.AddDays(-8), now.AddDays(-1), 15, cancellationToken);
        return TypedResults.Ok(new Overview(countSplit.ToString().ToLowerInvariant(), counts, keywords, hot));
    }

    private static async Task<Results<Ok<ScorecardView>, ValidationProblem>> ScorecardAsync(
        IMessageQueries queries, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken, string? account = null, int days = 30)
    {
        // The account's gh_ id; the configured one when the caller names none.
        account = string.IsNullOrWhiteSpace(account) ? configuration["WeChat:AccountId"] : account;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(account))
        {
            errors["account"] = ["name the account (gh_…) or configure WeChat:AccountId"];
        }

        if (days is < 1 or > 366)
        {
            errors["days"] = [$"days must be between 1 and 366, was {days}"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = time.GetUtcNow();
        var scorecard = await queries.ScorecardAsync(account!, now.AddDays(-days), now, now, cancellationToken);
        return TypedResults.Ok(new ScorecardView(scorecard, PreVetoWarnings.From(scorecard)));
    }

    internal sealed record ScorecardView(Scorecard Figures, IReadOnlyList<PreVetoWarning> Warnings);

    internal sealed record Overview(string Split, IReadOnlyList<TimeCount> Counts, IReadOnlyList<TermCount> Keywords, IReadOnlyList<HotTerm> HotTopics);
}
