namespace Monitor.Dashboard.Accounts;

/// <summary>The roles of ARCHITECTURE.md; every endpoint names the ones it admits.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Official = "official";
    public const string Responder = "responder";
    public const string Researcher = "researcher";

    public static readonly IReadOnlyList<string> All = [Admin, Official, Responder, Researcher];
}
