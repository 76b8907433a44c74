namespace Monitor.Bench.Synthetic;

/// <summary>Finds <c>../shared/data</c> by walking up from the current and the binary folder.</summary>
internal static class SharedDataFolder
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        throw new DirectoryNotFoundException("No ../shared/data above the current or the binary folder.");
    }
}
