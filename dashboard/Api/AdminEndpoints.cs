using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitor.Dashboard.Accounts;
using Monitor.Jobs.Sources;

namespace Monitor.Dashboard.Api;

/// <summary>What an admin manages: users and their roles, the sources and their schedules, with each source's health.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin");
        admin.RequireAuthorization(Policies.Admin);
        admin.MapGet("/users", (UserStore users) => TypedResults.Ok(users.List().Select(u => new UserView(u.Name, u.Role, u.Locked)).ToList()))
            .WithName("Users");
        admin.MapPost("/users", SaveUserAsync).WithName("SaveUser");
        admin.MapGet("/sources", SourcesAsync).WithName("Sources");
        admin.MapPost("/sources/{id}/cron", UpdateCronAsync).WithName("UpdateSourceCron");
        return app;
    }

    private static async Task<Results<Ok<UserView>, BadRequest, ValidationProblem>> SaveUserAsync(
        UserRequest request, HttpContext context, IAntiforgery antiforgery, UserStore users)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 64 || !request.Name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors["name"] = ["a name is 1 to 64 letters, digits, '-', '_' or '.'"];
        }

        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", Roles.All)}, was '{request.Role}'"];
        }

        if (request.Password is null || request.Password.Length < 12)
        {
            errors["password"] = ["a password has at least 12 characters"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        users.Upsert(request.Name!, request.Role!, request.Password!);
        return TypedResults.Ok(new UserView(request.Name!, request.Role!, false));
    }

    private static async Task<Ok<IReadOnlyList<SourceView>>> SourcesAsync(ISourceSchedule schedule, ISourceHealth health, CancellationToken cancellationToken)
    {
        var healths = (await health.ListAsync(cancellationToken)).ToDictionary(h => h.SourceId);
        var sources = await schedule.ListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<SourceView>>(sources
            .Select(s => new SourceView(s.Source.Id, s.Source.Kind, s.Source.Url?.ToString() ?? s.Source.Account, s.Source.Cron, s.NextFireTime, healths.GetValueOrDefault(s.Source.Id)))
            .ToList());
    }

    private static async Task<Results<Ok, NotFound, BadRequest, ValidationProblem>> UpdateCronAsync(
        string id, CronRequest request, HttpContext context, IAntiforgery antiforgery, ISourceSchedule schedule, CancellationToken cancellationToken)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.BadRequest();
        }

        if (!IsCron(request.Cron))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cron"] = [$"'{request.Cron}' is not a Quartz cron expression (e.g. 0 0/15 * * * ?)"] });
        }

        return await schedule.UpdateCronAsync(id, request.Cron!, cancellationToken) ? TypedResults.Ok() : TypedResults.NotFound();
    }

    private static bool IsCron(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return false;
        }

        try
        {
            _ = new Quartz.CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    internal sealed record UserView(string Name, string Role, bool Locked);

    internal sealed record UserRequest(string? Name, string? Role, string? Password);

    internal sealed record CronRequest(string? Cron);

    internal sealed record SourceView(string Id, string Kind, string? Target, string Cron, DateTimeOffset? NextFireTime, SourceHealth? Health);
}
