using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Dashboard.Sealed;
using Monitor.Index;

namespace Monitor.Dashboard.Api;

/// <summary>The JSON behind the latest-messages page.</summary>
internal static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/messages/latest", LatestAsync)
            .RequireAuthorization(Policies.Feed)
            .WithName("LatestMessages");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<LatestMessage>>, ValidationProblem>> LatestAsync(
        HttpContext context, IMessageStore store, SealedPath sealedPath, CancellationToken cancellationToken, int count = 50, long? after = null)
    {
        if (count is < 1 or > 500)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["count"] = [$"count must be between 1 and 500, was {count}"],
            });
        }

        var latest = await store.LatestAsync(count, after, cancellationToken);
        var views = await sealedPath.ViewAsync(context.User, latest, "latest", cancellationToken);
        return TypedResults.Ok<IReadOnlyList<LatestMessage>>(views.Select(LatestMessage.From).ToList());
    }
}
