using Monitor.Index;
using Monitor.Ingest;
using Monitor.Jobs;
using Monitor.Nlp;

namespace Monitor.Dashboard.Cli;

/// <summary>The services a one-shot command needs, configured like <c>serve</c> (appsettings.json, environment, --data).</summary>
internal static class CliServices
{
    public static ServiceProvider Build(string? dataDirectory)
    {
        var configuration = Configuration(dataDirectory);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Commands write results to stdout; logs go to stderr and only when something is wrong.
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddIngest(configuration);
        services.AddNlp(configuration);
        services.AddIndex(configuration);
        services.AddJobs(configuration, runInBackground: false);
        var provider = services.BuildServiceProvider();
        // The admin's user dictionary, as serve loads it: the CLI segments text as the pipeline does.
        new Admin.UserDictionary(configuration, provider).Load();
        return provider;
    }

    /// <summary>The admin's user dictionary of the data folder (the configured one when null), when there is one.</summary>
    public static IReadOnlyList<string> AdminDictionary(string? dataDirectory)
    {
        var path = Admin.UserDictionary.PathIn(Configuration(dataDirectory));
        return File.Exists(path) ? [path] : [];
    }

    /// <summary>The <c>Monitor:Elasticsearch</c> section as serve binds it (empty options when it is not set).</summary>
    public static Index.Elasticsearch.ElasticsearchOptions Elasticsearch(string? dataDirectory) =>
        Configuration(dataDirectory).GetSection("Monitor:Elasticsearch").Get<Index.Elasticsearch.ElasticsearchOptions>() ?? new();

    private static IConfigurationRoot Configuration(string? dataDirectory) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(dataDirectory is null
                ? []
                : new Dictionary<string, string?> { ["Monitor:DataDirectory"] = Path.GetFullPath(dataDirectory) })
            .Build();
}
