using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Replies;
using Monitor.Dashboard.Sealed;
using Monitor.Index;
using Monitor.Index.Cases;
using Monitor.Index.Queries;

namespace Monitor.Dashboard.Api;

/// <summary>
/// The responders' tools beyond the queue: find a case by the number the citizen quotes, see and answer a whole
/// near-duplicate cluster at once (PRODUCT.md idea 9), and the replies already given to a case.
/// </summary>
internal static partial class ResponderEndpoints
{
    private const int MaxClusterMembers = 200;

    public static IEndpointRouteBuilder MapResponderApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/cases/lookup", LookupAsync).RequireAuthorization(Policies.Cases).WithName("LookupCase")
            .WithSummary("A case by the number given to the citizen (yyyyMMdd-NNNNNN)");
        app.MapGet("/api/cases/{id:long}/replies", RepliesAsync).RequireAuthorization(Policies.Cases).WithName("CaseReplies")
            .WithSummary("The replies given to a case, with WeChat's answer");
        app.MapGet("/api/clusters/{id:long}", ClusterAsync).RequireAuthorization(Policies.Cases).WithName("Cluster")
            .WithSummary("The members of a near-duplicate cluster");
        app.MapPost("/api/clusters/{id:long}/reply", ReplyClusterAsync).RequireAuthorization(Policies.Cases).WithName("ReplyCluster")
            .WithSummary("Answers every open case of a near-duplicate cluster with one text, one WeChat message per citizen");
        app.MapPost("/api/clusters/{id:long}/resolve", ResolveClusterAsync).RequireAuthorization(Policies.Cases).WithName("ResolveCluster")
            .WithSummary("Resolves every unresolved case of a near-duplicate cluster (sealed members only by 涉黑专办)");
        return app;
    }

    private static async Task<Results<Ok<QueueItem>, NotFound, ValidationProblem>> LookupAsync(
        string? number, HttpContext context, IMessageStore store, SealedPath sealedPath, CustomerServiceReplies replies, TimeProvider time, CancellationToken cancellationToken)
    {
        var match = number is null ? null : CaseNumberPattern().Match(number.Trim());
        if (match is null || !match.Success || !long.TryParse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["number"] = [$"案件编号的格式是 日期-序号，如 20261126-000123，收到的是 '{number}'"] });
        }

        var message = await store.GetAsync(id, cancellationToken);
        if (message is null || !string.Equals(message.CaseNumber, number!.Trim(), StringComparison.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var window = await replies.WindowAsync(message, cancellationToken);
        var view = await sealedPath.ViewAsync(context.User, message, "case-lookup", cancellationToken);
        return TypedResults.Ok(QueueItem.From(view.Message, time.GetUtcNow(), window, view.Sealed));
    }

    private static async Task<Results<Ok<IReadOnlyList<StoredReply>>, NotFound, ForbidHttpResult>> RepliesAsync(
        long id, HttpContext context, IMessageStore store, SealedPath sealedPath, ReplyLog log, CancellationToken cancellationToken)
    {
        if (await CaseGuard.RefuseAsync(id, context.User, store, sealedPath, "replies", cancellationToken) is { } refusal)
        {
            return refusal == CaseRefusal.NotFound ? TypedResults.NotFound() : TypedResults.Forbid();
        }

        return TypedResults.Ok(await log.ForMessageAsync(id, cancellationToken));
    }

    private static async Task<Ok<IReadOnlyList<QueueItem>>> ClusterAsync(
        long id, HttpContext context, IMessageQueries queries, SealedPath sealedPath, TimeProvider time, CancellationToken cancellationToken)
    {
        var members = await queries.ClusterAsync(id, MaxClusterMembers, cancellationToken);
        var views = await sealedPath.ViewAsync(context.User, members, "cluster", cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<QueueItem>>(views.Select(v => QueueItem.From(v.Message, now, null, v.Sealed)).ToList());
    }

    /// <summary>
    /// One text for every unresolved case of the cluster. A citizen with several messages in it gets one WeChat message
    /// (their other cases are registered as answered by it), so the five-message budget is not spent on repeats.
    /// Sealed members are skipped for other roles. Each member's result is reported.
    /// </summary>
    private static async Task<Results<Ok<ClusterReplyResult>, NotFound, BadRequest, ValidationProblem>> ReplyClusterAsync(
        long id, CaseEndpoints.ReplyRequest reply, HttpContext context, IAntiforgery antiforgery, IMessageQueries queries, SealedPath sealedPath,
        CustomerServiceReplies replies, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (CaseEndpoints.ReplyRequest.Check(reply) is { } invalid)
        {
            return invalid;
        }

        var members = (await queries.ClusterAsync(id, MaxClusterMembers, cancellationToken))
            .Where(m => m.Case is not null && m.Case.Status != CaseState.Resolved).ToList();
        if (members.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var text = reply.Text!.Trim();
        var by = context.User.Identity!.Name!;
        var opener = SealedPath.MayOpen(context.User);
        var answered = new Dictionary<string, ReplyOutcome>(StringComparer.Ordinal);
        var results = new List<ClusterMemberResult>(members.Count);
        foreach (var member in members)
        {
            if (sealedPath.IsSealed(member) && !opener)
            {
                results.Add(new ClusterMemberResult(member.Id, member.CaseNumber, "skipped", "涉黑举报已封存，由涉黑专办人员答复。"));
                continue;
            }

            var author = member.Message.Author;
            var outcome = author is not null && answered.TryGetValue(author, out var earlier) && earlier.Status is ReplyStatus.Sent
                ? await replies.RecordAsync(member, text, by, "同一市民已在本次群答复中收到微信消息，本条登记为已答复。", cancellationToken)
                : await replies.ReplyAsync(member, text, by, cancellationToken);
            if (author is not null && outcome.Status is ReplyStatus.Sent)
            {
                answered[author] = outcome;
            }

            results.Add(new ClusterMemberResult(member.Id, member.CaseNumber, outcome.Status.ToString().ToLowerInvariant(), outcome.Message));
        }

        return TypedResults.Ok(new ClusterReplyResult(id, results.Count(r => r.Status == "sent"), results.Count(r => r.Status == "recorded"), results));
    }

    private static async Task<Results<Ok<ClusterReplyResult>, NotFound, BadRequest>> ResolveClusterAsync(
        long id, HttpContext context, IAntiforgery antiforgery, IMessageQueries queries, SealedPath sealedPath, ICaseWorkflow cases, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var members = (await queries.ClusterAsync(id, MaxClusterMembers, cancellationToken))
            .Where(m => m.Case is not null && m.Case.Status != CaseState.Resolved).ToList();
        if (members.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var opener = SealedPath.MayOpen(context.User);
        var results = new List<ClusterMemberResult>(members.Count);
        foreach (var member in members)
        {
            if (sealedPath.IsSealed(member) && !opener)
            {
                results.Add(new ClusterMemberResult(member.Id, member.CaseNumber, "skipped", "涉黑举报已封存，由涉黑专办人员办结。"));
                continue;
            }

            var done = await cases.ResolveAsync(member.Id, time.GetUtcNow(), cancellationToken);
            results.Add(new ClusterMemberResult(member.Id, member.CaseNumber, done ? "resolved" : "unchanged", done ? "已办结" : "未能办结"));
        }

        return TypedResults.Ok(new ClusterReplyResult(id, 0, 0, results));
    }

    [GeneratedRegex(@"^\d{8}-(?<id>\d{6,18})$", RegexOptions.CultureInvariant)]
    private static partial Regex CaseNumberPattern();

    internal sealed record ClusterMemberResult(long Id, string CaseNumber, string Status, string Message);

    internal sealed record ClusterReplyResult(long ClusterId, int Sent, int Recorded, IReadOnlyList<ClusterMemberResult> Members);
}
