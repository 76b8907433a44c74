namespace Monitor.Dashboard.Tests.Support;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "models");

    public static string Screenshots
    {
        get
        {
            var path = Path.Combine(Root, "TestResults", "screenshots");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    /// <summary>The monitor.dll the launcher runs, built in the same configuration as these tests.</summary>
    public static string MonitorDll
    {
        get
        {
            // …/tests/Dashboard.Tests/bin/<Configuration>/net10.0/
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(Root, "dashboard", "bin", configuration, "net10.0", "monitor.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Monitor.sln above {AppContext.BaseDirectory}");
    }
}
