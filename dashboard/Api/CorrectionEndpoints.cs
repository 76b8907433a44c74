using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Sealed;
using Monitor.Index;
using Monitor.Index.Corrections;
using Monitor.Jobs.Retention;

namespace Monitor.Dashboard.Api;

/// <summary>
/// Label corrections (responders and officials tell the models where they were wrong; the retraining duty learns
/// from them) and the admin's erasure requests (carried out by the retention duty).
/// </summary>
internal static partial class CorrectionEndpoints
{
    public static IEndpointRouteBuilder MapCorrectionApi(this IEndpointRouteBuilder app)
    {
        var labels = app.MapGroup("/api/messages/{id:long}/labels");
        labels.RequireAuthorization(Policies.Corrections);
        labels.MapGet("/", CorrectionsAsync).WithName("LabelCorrections");
        labels.MapPost("/", CorrectAsync).WithName("CorrectLabel");
        var erasures = app.MapGroup("/api/admin/erasures");
        erasures.RequireAuthorization(Policies.Admin);
        erasures.MapGet("/", ErasuresAsync).WithName("Erasures");
        erasures.MapPost("/", RequestErasureAsync).WithName("RequestErasure");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<LabelCorrection>>, ForbidHttpResult>> CorrectionsAsync(
        long id, HttpContext context, IMessageStore store, SealedPath sealedPath, ILabelCorrections corrections, CancellationToken cancellationToken)
    {
        if (await IsSealedForAsync(id, context, store, sealedPath, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        return TypedResults.Ok(await corrections.CorrectionsOfAsync(id, cancellationToken));
    }

    /// <summary>A sealed 涉黑 report's labels are on the sealed path too: only the sealed role reads or corrects them.</summary>
    private static async Task<bool> IsSealedForAsync(long id, HttpContext context, IMessageStore store, SealedPath sealedPath, CancellationToken cancellationToken) =>
        !SealedPath.MayOpen(context.User) && await store.GetAsync(id, cancellationToken) is { } message && sealedPath.IsSealed(message);

    private static async Task<Results<Ok<LabelCorrection>, NotFound, BadRequest, ValidationProblem, ForbidHttpResult>> CorrectAsync(
        long id, CorrectionRequest request, HttpContext context, IAntiforgery antiforgery, IMessageStore store, SealedPath sealedPath,
        ILabelCorrections corrections, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (await IsSealedForAsync(id, context, store, sealedPath, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var label = request.Label?.Trim();
        if (LabelTasks.Problem(request.Task, label) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["label"] = [problem] });
        }

        var who = context.User.FindFirstValue(ClaimTypes.Name)!;
        return await corrections.CorrectAsync(id, request.Task!, label!, who, time.GetUtcNow(), cancellationToken) is { } saved
            ? TypedResults.Ok(saved)
            : TypedResults.NotFound();
    }

    private static async Task<Ok<ErasureView>> ErasuresAsync(IErasureRequests requests, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ErasureView(await requests.ListAsync(100, cancellationToken), await requests.RunsAsync(20, cancellationToken)));

    private static async Task<Results<Accepted<ErasureRequest>, BadRequest, ValidationProblem>> RequestErasureAsync(
        ErasureBody request, HttpContext context, IAntiforgery antiforgery, IErasureRequests requests, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var pseudonym = request.Pseudonym?.Trim();
        if (pseudonym is null || !PseudonymPattern().IsMatch(pseudonym))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pseudonym"] = ["a pseudonym as the dashboard shows it: u_ followed by 1 to 64 lowercase letters or digits"],
            });
        }

        var who = context.User.FindFirstValue(ClaimTypes.Name)!;
        var queued = await requests.RequestAsync(pseudonym, who, time.GetUtcNow(), cancellationToken);
        return TypedResults.Accepted("/api/admin/erasures", queued);
    }

    [GeneratedRegex("^u_[a-z0-9]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex PseudonymPattern();

    internal sealed record CorrectionRequest(string? Task, string? Label);

    internal sealed record ErasureBody(string? Pseudonym);

    internal sealed record ErasureView(IReadOnlyList<ErasureRequest> Requests, IReadOnlyList<RetentionRun> Runs);
}
