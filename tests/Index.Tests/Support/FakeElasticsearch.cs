using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Monitor.Index.Elasticsearch;

namespace Monitor.Index.Tests.Support;

/// <summary>An <see cref="ElasticsearchIndex"/> whose client talks to a <see cref="ReplayHandler"/>.</summary>
public static class FakeElasticsearch
{
    public static readonly Uri Node = new("http://es.test:9200");

    internal static ElasticsearchIndex Index(ReplayHandler handler, ElasticsearchOptions options, string databasePath) =>
        new(Client(handler), options, databasePath, TimeProvider.System);

    internal static ElasticsearchClient Client(ReplayHandler handler) =>
        new(new ElasticsearchClientSettings(new SingleNodePool(Node), new HttpRequestInvoker((_, _) => handler)));
}
