using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Replies;
using Monitor.Dashboard.Sealed;
using Monitor.Index;
using Monitor.Index.Cases;
using Monitor.Index.Queries;

namespace Monitor.Dashboard.Api;

/// <summary>The responders' queue and what they do with a case: take it, reply, resolve.</summary>
internal static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/queue", QueueAsync).RequireAuthorization(Policies.Cases).WithName("Queue");
        var cases = app.MapGroup("/api/cases/{id:long}");
        cases.RequireAuthorization(Policies.Cases);
        cases.MapPost("/assign", AssignAsync).WithName("AssignCase");
        cases.MapPost("/reply", ReplyAsync).WithName("ReplyCase");
        cases.MapPost("/resolve", ResolveAsync).WithName("ResolveCase");
        app.MapGet("/api/threads/{author}", ThreadAsync).RequireAuthorization(Policies.Cases).WithName("Thread");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<QueueItem>>, ValidationProblem>> QueueAsync(
        HttpContext context, IMessageQueries queries, SealedPath sealedPath, CustomerServiceReplies replies, TimeProvider time, CancellationToken cancellationToken, int count = 50)
    {
        if (count is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"count must be between 1 and 500, was {count}"] });
        }

        var queue = await queries.UrgentQueueAsync(MessageFilter.All, count, cancellationToken);
        var now = time.GetUtcNow();
        // The window is per citizen; their pseudonym is read before sealing and never returned for a sealed message.
        var windows = new Dictionary<string, ReplyWindow>(StringComparer.Ordinal);
        var items = new List<QueueItem>(queue.Count);
        var views = await sealedPath.ViewAsync(context.User, queue, "queue", cancellationToken);
        for (var i = 0; i < queue.Count; i++)
        {
            var author = queue[i].Message.Author ?? string.Empty;
            if (!windows.TryGetValue(author, out var window))
            {
                windows[author] = window = await replies.WindowAsync(queue[i], cancellationToken);
            }

            items.Add(QueueItem.From(views[i].Message, now, window, views[i].Sealed));
        }

        var clusters = items.Where(i => i.ClusterId is not null).GroupBy(i => i.ClusterId).ToDictionary(g => g.Key!.Value, g => g.Count());
        return TypedResults.Ok<IReadOnlyList<QueueItem>>(items.Select(i => i.ClusterId is { } c ? i with { ClusterOpen = clusters[c] } : i).ToList());
    }

    private static async Task<Results<Ok<CaseChange>, NotFound, BadRequest, ForbidHttpResult>> AssignAsync(
        long id, HttpContext context, IAntiforgery antiforgery, IMessageStore store, SealedPath sealedPath, ICaseWorkflow cases, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (await CaseGuard.RefuseAsync(id, context.User, store, sealedPath, "assign", cancellationToken) is { } refusal)
        {
            return refusal == CaseRefusal.NotFound ? TypedResults.NotFound() : TypedResults.Forbid();
        }

        var who = context.User.FindFirstValue(ClaimTypes.Name)!;
        return await cases.AssignAsync(id, who, null, cancellationToken) ? TypedResults.Ok(new CaseChange(id, CaseState.Assigned, who)) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ReplyResult>, NotFound, BadRequest, ForbidHttpResult, ValidationProblem, ProblemHttpResult>> ReplyAsync(
        long id, ReplyRequest reply, HttpContext context, IAntiforgery antiforgery, IMessageStore store, SealedPath sealedPath, CustomerServiceReplies replies,
        CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (ReplyRequest.Check(reply) is { } invalid)
        {
            return invalid;
        }

        var message = await store.GetAsync(id, cancellationToken);
        if (message is null || message.Case is null)
        {
            return TypedResults.NotFound();
        }

        if (sealedPath.IsSealed(message))
        {
            if (!SealedPath.MayOpen(context.User))
            {
                return TypedResults.Forbid();
            }

            await sealedPath.RecordActionAsync(context.User, message, "reply", cancellationToken);
        }

        var outcome = await replies.ReplyAsync(message, reply.Text!.Trim(), context.User.Identity!.Name!, cancellationToken);
        return ReplyResult.ToHttp(id, outcome);
    }

    private static async Task<Results<Ok<CaseChange>, NotFound, BadRequest, ForbidHttpResult>> ResolveAsync(
        long id, HttpContext context, IAntiforgery antiforgery, IMessageStore store, SealedPath sealedPath, ICaseWorkflow cases, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (await CaseGuard.RefuseAsync(id, context.User, store, sealedPath, "resolve", cancellationToken) is { } refusal)
        {
            return refusal == CaseRefusal.NotFound ? TypedResults.NotFound() : TypedResults.Forbid();
        }

        return await cases.ResolveAsync(id, time.GetUtcNow(), cancellationToken)
            ? TypedResults.Ok(new CaseChange(id, CaseState.Resolved, context.User.Identity!.Name))
            : TypedResults.NotFound();
    }

    /// <summary>
    /// A citizen's messages. Other roles do not get the citizen's sealed messages at all, not even as placeholders: a
    /// thread is keyed by the person, so a placeholder would still tie them to a 涉黑 report.
    /// </summary>
    private static async Task<Ok<IReadOnlyList<LatestMessage>>> ThreadAsync(
        string author, HttpContext context, IMessageQueries queries, SealedPath sealedPath, CancellationToken cancellationToken)
    {
        var views = await sealedPath.ViewAsync(context.User, await queries.ThreadAsync(author, 200, cancellationToken), "thread", cancellationToken);
        var opener = SealedPath.MayOpen(context.User);
        return TypedResults.Ok<IReadOnlyList<LatestMessage>>(views.Where(v => opener || !v.Sealed).Select(LatestMessage.From).ToList());
    }

    internal sealed record ReplyRequest(string? Text)
    {
        public const int MaxLength = 600;

        public static ValidationProblem? Check(ReplyRequest? request) =>
            request is null || string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > MaxLength
                ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["回复内容须为 1 至 600 个字符"] })
                : null;
    }

    internal sealed record CaseChange(long Id, string Status, string? By);
}

/// <summary>What became of a reply, as the API answers it.</summary>
internal sealed record ReplyResult(long Id, string Status, string Message, long? ReplyId, DateTimeOffset? WindowClosesAt, int? MessagesLeft)
{
    public static Results<Ok<ReplyResult>, NotFound, BadRequest, ForbidHttpResult, ValidationProblem, ProblemHttpResult> ToHttp(long id, ReplyOutcome outcome) =>
        outcome.Status switch
        {
            ReplyStatus.NotACase => TypedResults.NotFound(),
            ReplyStatus.Refused => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict, title: "无法通过微信回复"),
            ReplyStatus.Failed => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status502BadGateway, title: "微信接口出错"),
            _ => TypedResults.Ok(From(id, outcome)),
        };

    public static ReplyResult From(long id, ReplyOutcome outcome) => new(
        id, outcome.Status.ToString().ToLowerInvariant(), outcome.Message, outcome.ReplyId, outcome.Window?.ClosesAt,
        outcome.Window?.Channel == "wechat" ? outcome.Window.MessagesLeft : null);
}

internal enum CaseRefusal
{
    NotFound,
    Sealed,
}

/// <summary>Case actions on a sealed message are for 涉黑专办 only.</summary>
internal static class CaseGuard
{
    /// <summary>Null when <paramref name="user"/> may act on the case; an action by 涉黑专办 on a sealed case is audited under <paramref name="action"/>.</summary>
    public static async Task<CaseRefusal?> RefuseAsync(
        long id, ClaimsPrincipal user, IMessageStore store, SealedPath sealedPath, string action, CancellationToken cancellationToken)
    {
        var message = await store.GetAsync(id, cancellationToken);
        if (message is null || message.Case is null)
        {
            return CaseRefusal.NotFound;
        }

        if (!sealedPath.IsSealed(message))
        {
            return null;
        }

        if (!SealedPath.MayOpen(user))
        {
            return CaseRefusal.Sealed;
        }

        await sealedPath.RecordActionAsync(user, message, action, cancellationToken);
        return null;
    }
}
