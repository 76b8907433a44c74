namespace Monitor.Dashboard.Hosting;

/// <summary>What <c>monitor serve</c> was asked to do.</summary>
internal sealed record ServeSettings
{
    public string DataDirectory { get; init; } = "data";

    public string? Urls { get; init; }

    public bool Demo { get; init; }

    public bool RunScheduler { get; init; } = true;
}
