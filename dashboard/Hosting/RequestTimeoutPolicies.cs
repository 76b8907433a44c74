namespace Monitor.Dashboard.Hosting;

/// <summary>Names of the request-timeout policies.</summary>
internal static class RequestTimeoutPolicies
{
    public const string Callback = "callback";
}
