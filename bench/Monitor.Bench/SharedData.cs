namespace Monitor.Bench;

/// <summary>Finds <c>../shared/data</c> by walking up from the current and the binary folder.</summary>
public static class SharedData
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                foreach (var candidate in new[] { Path.Combine(dir.FullName, "..", "shared", "data"), Path.Combine(dir.FullName, "shared", "data") })
                {
                    if (Directory.Exists(candidate))
                    {
                        return Path.GetFullPath(candidate);
                    }
                }
            }
        }

        throw new DirectoryNotFoundException("No ../shared/data above the current or the binary folder.");
    }
}
