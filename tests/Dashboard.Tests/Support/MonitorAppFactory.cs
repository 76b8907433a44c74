using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monitor.Index;

namespace Monitor.Dashboard.Tests.Support;

/// <summary>The real app (Program) on a data folder of its own, with a known WeChat token and admin password.</summary>
public class MonitorAppFactory : WebApplicationFactory<Program>
{
    public const string Token = "AAAAA";
    public const string AdminPassword = "Admin-Test-Password-7";

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "monitor-tests", Guid.NewGuid().ToString("N"));

    public IMessageStore Store => Services.GetRequiredService<IMessageStore>();

    /// <summary>More settings for this app (e.g. the WeChat API address of a fake), read when the host is built.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Waits until every stored message has been analysed (or the time is up) and returns them.</summary>
    public async Task<IReadOnlyList<StoredMessage>> WaitForAnalysisAsync(int expectedMessages, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var latest = await Store.LatestAsync(500, null, cancellationToken);
            if ((latest.Count >= expectedMessages && latest.All(m => m.AnalysisState is "done" or "skipped")) || DateTime.UtcNow > deadline)
            {
                return latest;
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Reaches the entry point as a host argument, so the jobs' own files (sources.db, alerts.db, Quartz) are in this folder too.
        builder.UseSetting("Monitor:DataDirectory", DataDirectory);
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Monitor:DataDirectory"] = DataDirectory,
            ["Monitor:AdminPassword"] = AdminPassword,
            ["WeChat:Token"] = Token,
            ["Nlp:ModelsPath"] = RepoPaths.Models,
        }).AddInMemoryCollection(Settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
