using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Index.Cases;
using Monitor.Index.Elasticsearch;
using Monitor.Index.Queries;
using Monitor.Index.Sqlite;

namespace Monitor.Index;

public static class IndexServiceCollectionExtensions
{
    /// <summary>
    /// Registers the embedded SQLite store in the data folder from <c>Monitor:DataDirectory</c>: the store, its
    /// questions and the case workflow; with <c>Monitor:Elasticsearch:Url</c> set, the questions read Elasticsearch.
    /// </summary>
    public static IServiceCollection AddIndex(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection("Monitor"));
        services.AddSingleton<IMessageStore>(sp => new SqliteMessageStore(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabasePath));
        // The queries and the case workflow open the same file; resolving the store first applies the migrations.
        services.AddSingleton<IMessageQueries>(sp =>
        {
            sp.GetRequiredService<IMessageStore>();
            return new SqliteMessageQueries(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabasePath);
        });
        services.AddSingleton(sp => (Retention.IStoreRetention)sp.GetRequiredService<IMessageStore>());
        services.AddSingleton(sp => (Corrections.ILabelCorrections)sp.GetRequiredService<IMessageStore>());
        services.AddSingleton(sp => (Signals.IUrgencySignals)sp.GetRequiredService<IMessageStore>());
        services.AddSingleton<ICaseWorkflow>(sp =>
        {
            sp.GetRequiredService<IMessageStore>();
            return new SqliteCaseWorkflow(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabasePath);
        });

        // At scale the questions are answered by the Elasticsearch copy (filled by `monitor reindex`); writes stay on SQLite.
        var elasticsearch = configuration.GetSection("Monitor:Elasticsearch");
        if (!string.IsNullOrWhiteSpace(elasticsearch["Url"]))
        {
            services.AddOptions<ElasticsearchOptions>().Bind(elasticsearch);
            services.AddSingleton(sp => ElasticsearchIndex.Connect(
                sp.GetRequiredService<IOptions<ElasticsearchOptions>>().Value, sp.GetRequiredService<IOptions<StoreOptions>>().Value.DatabasePath));
            services.AddSingleton(sp => sp.GetRequiredService<ElasticsearchIndex>().Queries);
        }

        return services;
    }

    /// <summary>Opens the embedded store at a path, for command-line tools and tests.</summary>
    public static IMessageStore OpenSqlite(string databasePath) => new SqliteMessageStore(databasePath);

    /// <summary>The questions on an embedded store opened (and migrated) by <see cref="OpenSqlite"/>.</summary>
    public static IMessageQueries OpenSqliteQueries(string databasePath) => new SqliteMessageQueries(databasePath);
}
