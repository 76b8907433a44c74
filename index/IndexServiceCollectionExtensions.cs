using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Index.Sqlite;

namespace Monitor.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>Registers the embedded SQLite store in the data folder from <c>Monitor:DataDirectory</c>.</summary>
    public static IServiceCollection AddIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection("Monitor"));
        services.AddSingleton<IMessageStore>(sp => new SqliteMessageStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabasePath));
        return services;
    }

    /// <summary>Opens the embedded store at a path, for command-line tools and tests.</summary>
    public static IMessageStore OpenSqlite(string databasePath) => new SqliteMessageStore(databasePath);
}
