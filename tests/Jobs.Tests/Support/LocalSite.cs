using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Jobs.Tests.Support;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a random port serving what the test sets for each path: a body with its
/// content type and ETag (answering 304 to a matching If-None-Match), or a bare status. Logs every answer.
/// </summary>
public sealed class LocalSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Page> _pages = new(StringComparer.Ordinal);

    private LocalSite(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request as "path status".</summary>
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<LocalSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var site = new LocalSite(app);
        app.Run(site.AnswerAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        site.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return site;
    }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public void Serve(string path, string body, string contentType, string? etag = null) =>
        _pages["/" + path.TrimStart('/')] = new Page(200, body, contentType, etag);

    public void Status(string path, int status) => _pages["/" + path.TrimStart('/')] = new Page(status, null, null, null);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!_pages.TryGetValue(path, out var page))
        {
            page = new Page(404, null, null, null);
        }

        if (page.ETag is not null && context.Request.Headers.IfNoneMatch.ToString() == page.ETag)
        {
            Log.Enqueue($"{path} 304");
            context.Response.StatusCode = 304;
            return;
        }

        Log.Enqueue($"{path} {page.Status}");
        context.Response.StatusCode = page.Status;
        if (page.Body is not null)
        {
            context.Response.ContentType = page.ContentType;
            if (page.ETag is not null)
            {
                context.Response.Headers.ETag = page.ETag;
            }

            await context.Response.WriteAsync(page.Body, context.RequestAborted);
        }
    }

    private sealed record Page(int Status, string? Body, string? ContentType, string? ETag);
}
