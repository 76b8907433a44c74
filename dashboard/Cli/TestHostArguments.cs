namespace Monitor.Dashboard.Cli;

/// <summary>
/// WebApplicationFactory starts the entry point with host settings only (<c>--applicationName=…</c>,
/// <c>--environment=…</c>, <c>--contentRoot=…</c>). Those runs are <c>serve</c>; no person types such a line.
/// </summary>
internal static class TestHostArguments
{
    public static bool AreOnly(string[] args) =>
        args.Length > 0
        && args.All(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
        && args.Any(a => a.StartsWith("--applicationName=", StringComparison.OrdinalIgnoreCase));
}
