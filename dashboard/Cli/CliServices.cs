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
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(dataDirectory is null
                ? []
                : new Dictionary<string, string?> { ["Monitor:DataDirectory"] = Path.GetFullPath(dataDirectory) })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        // Commands write results to stdout; logs go to stderr and only when something is wrong.
        services.AddLogging(b => b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddIngest(configuration);
        services.AddNlp(configuration);
        services.AddIndex(configuration);
        services.AddJobs(configuration, runInBackground: false);
        return services.BuildServiceProvider();
    }
}
