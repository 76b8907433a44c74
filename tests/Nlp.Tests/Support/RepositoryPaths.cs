namespace Monitor.Nlp.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding Monitor.sln, found by walking up from the test binaries.</summary>
    public static string Root => RootPath.Value;

    public static string SentimentModel => Path.Combine(Root, "models", "sentiment", "model.zip");

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder with Monitor.sln above '{AppContext.BaseDirectory}'.");
    }
}
