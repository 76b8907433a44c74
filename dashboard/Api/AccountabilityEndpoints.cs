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

        var since = time.GetUtcNow().AddDays(-days);
        var flagged = new List<CredibilityFlag>();
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var message in await store.LatestAsync(CredibilityScan, null, cancellationToken))
        {
            // Only what citizens wrote, and never a sealed 涉黑 report: this screen is not on the sealed path.
            if (message.Message.Time < since || message.Message.Kind.StartsWith("event", StringComparison.Ordinal)
                || message.Message.SourceKind is not ("wechat" or "wechat-comment" or "import") || sealedPath.IsSealed(message))
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

        return TypedResults.Ok(new CredibilityReport(days, scanned, kinds, flagged));
    }

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

    internal sealed record CredibilityReport(int Days, int Scanned, IReadOnlyDictionary<string, int> Kinds, IReadOnlyList<CredibilityFlag> Flags);

    /// <summary>One audit entry; <see cref="Kind"/> is New, Edited or Deleted.</summary>
    internal sealed record PageAuditView(string SourceId, string Url, string Kind, string Summary, DateTimeOffset Time);

    internal sealed record BriefListing(string Date, string Kind, string Title, string? Html, string? Excel);
}
