using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Monitor.Ingest.Tests.Support;

namespace Monitor.Ingest.Tests.Feeds;

/// <summary>
/// A Kestrel server on 127.0.0.1 (free port) serving the feed files of TestData/feeds with an ETag and a
/// Last-Modified, answering 304 to a matching If-None-Match or a recent enough If-Modified-Since.
/// </summary>
internal sealed class FeedServer : IAsyncDisposable
{
    public static readonly DateTimeOffset LastModified = new(2024, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication app;

    private FeedServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request seen, as "path If-None-Match If-Modified-Since".</summary>
    public List<string> Requests { get; } = [];

    public string ETag { get; set; } = "\"v1\"";

    public static async Task<FeedServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FeedServer(builder.Build());
        server.app.MapGet("/{name}", server.Serve);
        await server.app.StartAsync(cancellationToken);
        var address = server.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    private IResult Serve(string name, HttpContext context)
    {
        var headers = context.Request.GetTypedHeaders();
        lock (Requests)
        {
            Requests.Add($"{name} {context.Request.Headers.IfNoneMatch} {context.Request.Headers.IfModifiedSince}".Trim());
        }

        if (name == "broken")
        {
            return Results.StatusCode(500);
        }

        var path = TestFiles.PathOf("feeds", name);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var notModified = headers.IfNoneMatch.Count > 0
            ? headers.IfNoneMatch.Any(tag => tag.Tag.Value == ETag)
            : headers.IfModifiedSince >= LastModified;
        context.Response.Headers.ETag = ETag;
        context.Response.GetTypedHeaders().LastModified = LastModified;
        return notModified
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.File(File.ReadAllBytes(path), "application/rss+xml; charset=utf-8");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
