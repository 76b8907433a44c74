namespace Monitor.Index.Tests.Support;

/// <summary>
/// The recorded Elasticsearch bodies in <c>../shared/data/elasticsearch</c>, read where they are (third-party
/// data stays out of the repository): found by walking up from the test binary to the folder with Monitor.sln.
/// </summary>
public static class ElasticsearchFixtures
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root.Value, relativePath));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitor.sln")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "elasticsearch"));
                return Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"The Elasticsearch fixtures are not at {fixtures} (next to the repository).");
            }
        }

        throw new DirectoryNotFoundException($"No folder with Monitor.sln above {AppContext.BaseDirectory}.");
    }
}
