namespace Monitor.Dashboard.Accounts;

/// <summary>The roles of ARCHITECTURE.md; every endpoint names the ones it admits.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Official = "official";
    public const string Responder = "responder";
    public const string Researcher = "researcher";

    /// <summary>涉黑专办: the only role that reads 涉黑举报 messages in full; every other role sees them sealed.</summary>
    public const string Sealed = "sealed";

    public static readonly IReadOnlyList<string> All = [Admin, Official, Responder, Researcher, Sealed];
}
