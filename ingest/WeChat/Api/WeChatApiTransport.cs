using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>
/// Posts JSON to one WeChat API path and returns the answer, turning a non-zero errcode into a
/// <see cref="WeChatApiException"/>. Retries -1, 45011, HTTP 5xx/429, network errors and per-attempt timeouts with
/// exponential backoff and jitter; everything else is thrown at once.
/// </summary>
internal sealed class WeChatApiTransport
{
    public const string HttpClientName = "Monitor.WeChat.Api";

    private const string EndpointKey = "wechat.endpoint";

    private static readonly ResiliencePropertyKey<string> Endpoint = new(EndpointKey);

    private readonly IHttpClientFactory httpClientFactory;
    private readonly ILogger<WeChatApiTransport> logger;
    private readonly ResiliencePipeline pipeline;
    private readonly WeChatApiUsage usage;

    public WeChatApiTransport(
        IHttpClientFactory httpClientFactory, IOptions<WeChatApiOptions> options, TimeProvider timeProvider, WeChatApiUsage usage, ILogger<WeChatApiTransport> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClientFactory = httpClientFactory;
        this.usage = usage;
        this.logger = logger;
        var settings = options.Value;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<WeChatApiException>(ex => ex.Action == WeChatErrorAction.RetryWithBackoff)
                    .Handle<HttpRequestException>(IsTransient)
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = settings.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                MaxDelay = settings.RetryMaxDelay,
                OnRetry = args =>
                {
                    args.Context.Properties.TryGetValue(Endpoint, out var endpoint);
                    WeChatApiLog.Retrying(logger, endpoint ?? "?", args.AttemptNumber + 1, args.Outcome.Exception?.Message ?? "no answer", args.RetryDelay);
                    return default;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> (with <c>access_token</c> when given).</summary>
    public async Task<JsonElement> PostAsync(string path, string? accessToken, JsonObject body, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        var uri = accessToken is null ? path : path + "?access_token=" + Uri.EscapeDataString(accessToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Endpoint, path);
        try
        {
            return await pipeline.ExecuteAsync(
                async (ctx, state) => await SendOnceAsync(state.path, state.uri, state.json, ctx.CancellationToken),
                context,
                (path, uri, json));
        }
        catch (WeChatApiException ex)
        {
            WeChatApiLog.ApiError(logger, ex.Endpoint, ex.ErrorCode, ex.ErrorMessage, ex.Action);
            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<JsonElement> SendOnceAsync(string path, string uri, string json, CancellationToken cancellationToken)
    {
        var http = httpClientFactory.CreateClient(HttpClientName);
        usage.RecordCall(path);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(uri, UriKind.Relative), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse,
                $"WeChat API {path} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(bytes);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse,
                $"WeChat API {path} answered HTTP 200 with a body that is not JSON ({bytes.Length} bytes)", ex, HttpStatusCode.OK);
        }

        var errorCode = WeChatJson.Int64(root, "errcode") ?? 0;
        if (errorCode != 0)
        {
            usage.RecordError(path, (int)Math.Clamp(errorCode, int.MinValue, int.MaxValue));
            throw new WeChatApiException(path, (int)Math.Clamp(errorCode, int.MinValue, int.MaxValue), WeChatJson.String(root, "errmsg"));
        }

        return root;
    }

    private static bool IsTransient(HttpRequestException ex) =>
        ex.StatusCode is null or HttpStatusCode.TooManyRequests || (int)ex.StatusCode >= 500;
}
