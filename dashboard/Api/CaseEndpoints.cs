using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
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
        IMessageQueries queries, TimeProvider time, CancellationToken cancellationToken, int count = 50)
    {
        if (count is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["count"] = [$"count must be between 1 and 500, was {count}"] });
        }

        var queue = await queries.UrgentQueueAsync(MessageFilter.All, count, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok<IReadOnlyList<QueueItem>>(queue.Select(m => QueueItem.From(m, now)).ToList());
    }

    private static async Task<Results<Ok<CaseChange>, NotFound, BadRequest>> AssignAsync(
        long id, HttpContext context, IAntiforgery antiforgery, ICaseWorkflow cases, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var who = context.User.FindFirstValue(ClaimTypes.Name)!;
        return await cases.AssignAsync(id, who, null, cancellationToken) ? TypedResults.Ok(new CaseChange(id, CaseState.Assigned, who)) : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<CaseChange>, NotFound, BadRequest, ValidationProblem>> ReplyAsync(
        long id, ReplyRequest reply, HttpContext context, IAntiforgery antiforgery, ICaseWorkflow cases, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (string.IsNullOrWhiteSpace(reply.Text) || reply.Text.Length > 600)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["a reply needs 1 to 600 characters"] });
        }

        // Delivery through WeChat's customer-service API needs the account's AppSecret; until it is configured the
        // reply is recorded on the case, which is what the scorecard and the deadline clock read.
        return await cases.ReplyAsync(id, time.GetUtcNow(), cancellationToken)
            ? TypedResults.Ok(new CaseChange(id, CaseState.Replied, context.User.Identity!.Name))
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<CaseChange>, NotFound, BadRequest>> ResolveAsync(
        long id, HttpContext context, IAntiforgery antiforgery, ICaseWorkflow cases, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        return await cases.ResolveAsync(id, time.GetUtcNow(), cancellationToken)
            ? TypedResults.Ok(new CaseChange(id, CaseState.Resolved, context.User.Identity!.Name))
            : TypedResults.NotFound();
    }

    private static async Task<Ok<IReadOnlyList<LatestMessage>>> ThreadAsync(string author, IMessageQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<LatestMessage>>((await queries.ThreadAsync(author, 200, cancellationToken)).Select(LatestMessage.From).ToList());

    internal sealed record ReplyRequest(string? Text);

    internal sealed record CaseChange(long Id, string Status, string? By);
}
