using Microsoft.AspNetCore.Authorization;

namespace Monitor.Dashboard.Accounts;

/// <summary>
/// Who may do what, in one table. Every page and API endpoint names one of these policies, so the role × endpoint
/// test can check the whole surface against this table.
/// </summary>
internal static class Policies
{
    /// <summary>Trends, keywords, hot topics: officials, researchers and admins.</summary>
    public const string Overview = "overview";

    /// <summary>The account scorecard: officials and admins.</summary>
    public const string Scorecard = "scorecard";

    /// <summary>The responders' queue and case actions.</summary>
    public const string Cases = "cases";

    /// <summary>Full-text search: everyone who reads messages for their work.</summary>
    public const string Search = "search";

    /// <summary>Exports of data (pseudonymised): researchers and admins.</summary>
    public const string Export = "export";

    /// <summary>The live feed of latest messages and the API description: every role.</summary>
    public const string Feed = "feed";

    /// <summary>Credibility flags, the edit/deletion audit of the account's articles and the briefs: officials and admins.</summary>
    public const string Accountability = "accountability";
    /// <summary>Correcting a model's label (feeds retraining): responders, officials and admins.</summary>
    public const string Corrections = "corrections";

    /// <summary>Users, sources and schedules: admins only.</summary>
    public const string Admin = "admin";

    public static readonly IReadOnlyDictionary<string, string[]> RolesOf = new Dictionary<string, string[]>
    {
        [Overview] = [Roles.Official, Roles.Researcher, Roles.Admin],
        [Scorecard] = [Roles.Official, Roles.Admin],
        [Cases] = [Roles.Responder, Roles.Admin, Roles.Sealed],
        [Search] = [Roles.Official, Roles.Responder, Roles.Researcher, Roles.Admin, Roles.Sealed],
        [Export] = [Roles.Researcher, Roles.Admin],
        [Feed] = [Roles.Official, Roles.Responder, Roles.Researcher, Roles.Admin, Roles.Sealed],
        [Accountability] = [Roles.Official, Roles.Admin],
        [Corrections] = [Roles.Official, Roles.Responder, Roles.Admin, Roles.Sealed],
        [Admin] = [Roles.Admin],
    };

    public static AuthorizationBuilder AddMonitorPolicies(this AuthorizationBuilder builder)
    {
        foreach (var (policy, roles) in RolesOf)
        {
            builder.AddPolicy(policy, p => p.RequireRole(roles));
        }

        return builder;
    }
}
