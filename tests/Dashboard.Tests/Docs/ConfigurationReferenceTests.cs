using Monitor.Dashboard.Tests.Support;

namespace Monitor.Dashboard.Tests.Docs;

/// <summary>docs/CONFIGURATION.md is what the options classes say today; a new or changed setting fails here until the file is regenerated.</summary>
public sealed class ConfigurationReferenceTests
{
    private static string DocPath => Path.Combine(RepoPaths.Root, "docs", "CONFIGURATION.md");

    [Fact]
    public void EveryOptionsClassHasAKnownSection()
    {
        var unknown = ConfigurationReference.OptionsTypes()
            .Where(t => ConfigurationReference.SectionOf(t) is null && !ConfigurationReference.IsNested(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(unknown.Count == 0, "options classes without a SectionName (add one, or a line in ConfigurationReference): " + string.Join(", ", unknown));
    }

    [Fact]
    public void TheConfigurationReferenceMatchesTheOptionsClasses()
    {
        var generated = ConfigurationReference.Generate();
        if (Environment.GetEnvironmentVariable("MONITOR_WRITE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(DocPath)!);
            File.WriteAllText(DocPath, generated);
        }

        Assert.True(File.Exists(DocPath), $"{DocPath} is missing; regenerate it (see its header)");
        var committed = File.ReadAllText(DocPath).ReplaceLineEndings("\n");
        Assert.True(
            committed == generated,
            "docs/CONFIGURATION.md is stale: regenerate with MONITOR_WRITE_DOCS=1 dotnet test --project tests/Dashboard.Tests/Dashboard.Tests.csproj -- --filter-class 'Monitor.Dashboard.Tests.Docs.ConfigurationReferenceTests'");
        Assert.Contains("`WeChat:Token`", committed, StringComparison.Ordinal);
        Assert.Contains("`Jobs:ConnectionString`", committed, StringComparison.Ordinal);
    }
}
