using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Monitor.Jobs.Tests.Alerts;

/// <summary>A Kestrel server on 127.0.0.1 standing in for the group robots: keeps every POST (path + query, body) and answers <see cref="Answer"/>.</summary>
internal sealed class RobotReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RobotReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<(string PathAndQuery, string Body)> Posts { get; } = new();

    public int Status { get; set; } = 200;

    public string Answer { get; set; } = """{"errcode":0,"errmsg":"ok"}""";

    public static async Task<RobotReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        var receiver = new RobotReceiver(app);
        app.Run(receiver.ReceiveAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return receiver;
    }

    public Uri Url(string pathAndQuery) => new(BaseAddress, pathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        Posts.Enqueue((context.Request.Path + context.Request.QueryString, await reader.ReadToEndAsync(context.RequestAborted)));
        context.Response.StatusCode = Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Answer, context.RequestAborted);
    }
}
