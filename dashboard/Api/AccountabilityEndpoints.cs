using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Sealed;
using Monitor.Index;
using Monitor.Jobs.Briefs;
using Monitor.Jobs.Scheduling;
using Monitor.Jobs.Sources;
using Monitor.Nlp.Credibility;

namespace Monitor.Dashboard.Api;

/// <summary>
/// What officials answer for beyond the scorecard: credibility flags on what citizens write, with the exact words that
/// raised them (PRODUCT.md idea 2); the edit/deletion audit of the account's own articles (idea 3); the daily and
/// weekly briefs the brief job wrote, to download.
/// </summary>
internal static partial class AccountabilityEndpoints
{
    /// <summary>How many of the newest messages the credibility screen reads; enough for a county account's month.</summary>
    private const int CredibilityScan = 5000;

    public static IEndpointRouteBuilder MapAccountabilityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").RequireAuthorization(Policies.Accountability);
        group.MapGet("/credibility", CredibilityAsync).WithName("Credibility")
            .WithSummary("Citizen texts with credibility signals (disbelief, rumour, censorship, repetition) and their evidence spans");
        group.MapGet("/page-audit", PageAuditAsync).WithName("PageAudit")
            .WithSummary("Edits and deletions of the account's watched articles, newest first");
        group.MapGet("/briefs", Briefs).WithName("Briefs").WithSummary("The daily and weekly briefs written to the briefs folder");
        group.MapGet("/briefs/{file}", BriefFile).WithName("BriefFile").WithSummary("One brief file (HTML or Excel) as a download");
        return app;
    }

    private static async Task<Results<Ok<CredibilityReport>, ValidationProblem>> CredibilityAsync(
        IMessageStore store, SealedPath sealedPath, TimeProvider time, CancellationToken cancellationToken, int days = 30, int max = 200)
    {
        if (days is < 1 or > 366 || max is < 1 or > 1000)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"days 须在 1–366、max 须在 1–1000 之间，收到 days={days}, max={max}"] });
        }

        var now = time.GetUtcNow();
        var since = now.AddDays(-days);
        var flagged = new List<CredibilityFlag>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var scanned = 0;
        var latest = await store.LatestAsync(CredibilityScan, null, cancellationToken);
        var checks = CrossMessageChecks(latest, since, now, sealedPath);
        foreach (var check in checks)
        {
            kinds[check.Kind] = kinds.GetValueOrDefault(check.Kind) + 1;
        }

        foreach (var message in latest)
        {
            // Only what citizens wrote, and never a sealed 涉黑 report: this screen is not on the sealed path.
            if (message.Message.Time < since || message.Message.Kind.StartsWith("event", StringComparison.Ordinal)
                || !SealedMessages.CitizenSources.Contains(message.Message.SourceKind) || sealedPath.IsSealed(message))
            {
                continue;
            }

            scanned++;
            var signals = CredibilityDetector.Detect(message.Message.Text);
            if (signals.Count == 0)
            {
                continue;
            }

            foreach (var signal in signals)
            {
                kinds[signal.Kind] = kinds.GetValueOrDefault(signal.Kind) + 1;
            }

            if (flagged.Count < max)
            {
                flagged.Add(new CredibilityFlag(message.Id, message.CaseNumber, message.Message.SourceKind, message.Message.Time, message.Message.Text,
                    message.Analysis?.SentimentLabel, signals));
            }
        }

        return TypedResults.Ok(new CredibilityReport(days, scanned, kinds, flagged, checks.Take(max).ToList()));
    }

    /// <summary>
    /// The checks that need more than one message (PRODUCT.md idea 2): per post, negative comments left unanswered and
    /// the gap between featured and all comments; per citizen, a complaint repeated after the case was declared solved.
    /// Read from the same scan as the single-text signals; sealed 涉黑 reports never take part.
    /// </summary>
    private static List<CredibilityCheck> CrossMessageChecks(IReadOnlyList<StoredMessage> latest, DateTimeOffset since, DateTimeOffset now, SealedPath sealedPath)
    {
        var checks = new List<CredibilityCheck>();
        var answered = latest.Where(m => m.Message is { SourceKind: "wechat-comment", Kind: "reply", ParentId: not null })
            .Select(m => m.Message.ParentId!).ToHashSet(StringComparer.Ordinal);
        var comments = latest.Where(m => m.Message.SourceKind == "wechat-comment" && m.Message.Kind.StartsWith("comment", StringComparison.Ordinal)
                && m.Message.ParentId is not null && m.Analysis is not null && !sealedPath.IsSealed(m))
            .ToList();
        foreach (var post in comments.GroupBy(m => (m.Message.Account, Post: m.Message.ParentId!)))
        {
            if (post.All(m => m.Message.Time < since))
            {
                continue;
            }

            var ids = post.ToDictionary(m => m.Message.SourceId, m => m.Id, StringComparer.Ordinal);
            var entries = post.Select(m => new PostComment(
                m.Message.SourceId, m.Message.Time, m.Message.Text, NegativeProbability(m.Analysis!), m.Message.Kind == "comment:featured",
                answered.Contains(m.Message.SourceId))).ToList();
            foreach (var flag in new[] { CredibilityChecks.UnansweredNegativeComments(entries, now), CredibilityChecks.FeaturedSentimentGap(entries) })
            {
                if (flag is not null)
                {
                    checks.Add(Check(flag, post.Key.Post, id => ids.GetValueOrDefault(id)));
                }
            }
        }

        var citizens = latest.Where(m => m.Message.Author is not null && m.Message.SourceKind is "wechat" or "import"
                && !m.Message.Kind.StartsWith("event", StringComparison.Ordinal) && !sealedPath.IsSealed(m))
            .GroupBy(m => m.Message.Author!);
        foreach (var thread in citizens)
        {
            // A repeat needs a declaration and a later message: at least two messages, one of them resolved.
            if (thread.Count() < 2 || !thread.Any(m => m.Case?.ResolvedAt is not null) || thread.All(m => m.Message.Time < since))
            {
                continue;
            }

            var ids = new Dictionary<string, long>(StringComparer.Ordinal);
            var entries = new List<ThreadEntry>();
            foreach (var m in thread)
            {
                var id = m.Id.ToString(CultureInfo.InvariantCulture);
                ids[id] = m.Id;
                entries.Add(new ThreadEntry(id, m.Message.Time, m.Message.Text, FromAccount: false));
                if (m.Case?.ResolvedAt is { } resolved)
                {
                    ids[id + ":resolved"] = m.Id;
                    entries.Add(new ThreadEntry(id + ":resolved", resolved, $"工单 {m.CaseNumber} 已办结", FromAccount: true, ResolvedHere: true));
                }
            }

            checks.AddRange(CredibilityChecks.RepeatedAfterSolved(entries).Select(flag => Check(flag, thread.Key, id => ids.GetValueOrDefault(id))));
        }

        return checks;
    }

    private static double NegativeProbability(StoredAnalysis analysis) =>
        analysis.SentimentLabel == "negative" ? analysis.SentimentScore : 1 - analysis.SentimentScore;

    private static CredibilityCheck Check(Monitor.Nlp.Credibility.CredibilityFlag flag, string subject, Func<string, long> storedId) =>
        new(flag.Kind, flag.Reason, subject, flag.Evidence.Select(e => new CheckEvidence(storedId(e.MessageId), e.Text)).ToList());

    private static async Task<Ok<IReadOnlyList<PageAuditView>>> PageAuditAsync(ISourceHealth health, CancellationToken cancellationToken, string? source = null) =>
        TypedResults.Ok<IReadOnlyList<PageAuditView>>((await health.PageAuditAsync(string.IsNullOrWhiteSpace(source) ? null : source, cancellationToken))
            .Reverse().Take(1000).Select(r => new PageAuditView(r.SourceId, r.Url.AbsoluteUri, r.Kind.ToString(), r.Summary, r.Time)).ToList());

    private static Ok<IReadOnlyList<BriefListing>> Briefs(IConfiguration configuration, IOptions<BriefOptions> options)
    {
        var folder = Folder(configuration, options);
        if (!Directory.Exists(folder))
        {
            return TypedResults.Ok<IReadOnlyList<BriefListing>>([]);
        }

        var listings = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .Select(name => BriefFileName().Match(name ?? string.Empty))
            .Where(m => m.Success)
            .GroupBy(m => (Date: m.Groups["date"].Value, Kind: m.Groups["kind"].Value))
            .Select(g => new BriefListing(
                g.Key.Date,
                g.Key.Kind,
                g.Key.Kind == "weekly" ? "周报" : "日报",
                g.Any(m => m.Groups["ext"].Value == "html") ? $"{g.Key.Date}-{g.Key.Kind}.html" : null,
                g.Any(m => m.Groups["ext"].Value == "xlsx") ? $"{g.Key.Date}-{g.Key.Kind}.xlsx" : null))
            .OrderByDescending(b => b.Date, StringComparer.Ordinal).ThenBy(b => b.Kind, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok<IReadOnlyList<BriefListing>>(listings);
    }

    /// <summary>Only names the brief job writes are served, so no path can leave the briefs folder.</summary>
    private static Results<PhysicalFileHttpResult, NotFound, ValidationProblem> BriefFile(string file, IConfiguration configuration, IOptions<BriefOptions> options)
    {
        if (!BriefFileName().IsMatch(file))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["简报文件名应为 yyyy-MM-dd-daily|weekly.html|xlsx"] });
        }

        var path = Path.Combine(Folder(configuration, options), file);
        if (!File.Exists(path))
        {
            return TypedResults.NotFound();
        }

        var type = file.EndsWith(".html", StringComparison.Ordinal) ? "text/html; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
        return TypedResults.PhysicalFile(path, type, file);
    }

    private static string Folder(IConfiguration configuration, IOptions<BriefOptions> options) =>
        Path.Combine(Path.GetFullPath(JobStoreSetup.DataDirectory(configuration)), options.Value.Folder);

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})-(?<kind>daily|weekly)\.(?<ext>html|xlsx)$", RegexOptions.CultureInvariant)]
    private static partial Regex BriefFileName();

    internal sealed record CredibilityFlag(
        long Id, string CaseNumber, string SourceKind, DateTimeOffset Time, string Text, string? Sentiment, IReadOnlyList<CredibilitySignal> Signals);

    internal sealed record CredibilityReport(
        int Days, int Scanned, IReadOnlyDictionary<string, int> Kinds, IReadOnlyList<CredibilityFlag> Flags, IReadOnlyList<CredibilityCheck> Checks);

    /// <summary>A cross-message flag: its kind, one-line reason, what it is about (a post or a citizen's pseudonym) and its evidence spans.</summary>
    internal sealed record CredibilityCheck(string Kind, string Reason, string Subject, IReadOnlyList<CheckEvidence> Evidence);

    /// <summary>One evidence span and the stored message it is in (0 when the span is the case's resolution itself).</summary>
    internal sealed record CheckEvidence(long MessageId, string Text);

    /// <summary>One audit entry; <see cref="Kind"/> is New, Edited or Deleted.</summary>
    internal sealed record PageAuditView(string SourceId, string Url, string Kind, string Summary, DateTimeOffset Time);

    internal sealed record BriefListing(string Date, string Kind, string Title, string? Html, string? Excel);
}
