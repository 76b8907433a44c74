using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitor.Ingest.WeChat.Api;

/// <summary>
/// The one "central control" for the stable access token (WECHAT.md §5): fetched with POST cgi-bin/stable_token,
/// cached until expires_in − margin, refreshed when an API refuses it. One fetch at a time; readers of a valid cached
/// token never wait. A forced refresh (limited by WeChat to 20 a day, 30 s apart) is asked for at most every 30 s.
/// </summary>
internal sealed class WeChatAccessTokenProvider(
    WeChatApiTransport transport,
    IOptions<WeChatApiOptions> options,
    TimeProvider timeProvider,
    WeChatApiUsage usage,
    ILogger<WeChatAccessTokenProvider> logger) : IDisposable
{
    public const string Path = "cgi-bin/stable_token";

    private static readonly TimeSpan MinForceInterval = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedToken? cached;
    private DateTimeOffset lastForced = DateTimeOffset.MinValue;

    /// <summary>A valid token, from the cache when it has one.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref cached);
        if (current is not null && timeProvider.GetUtcNow() < current.RefreshAt)
        {
            return current.Token;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            current = cached;
            return current is not null && timeProvider.GetUtcNow() < current.RefreshAt
                ? current.Token
                : await FetchAsync(force: false, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// A token to use after an API refused <paramref name="rejected"/>: the cached one if another caller already
    /// replaced it, otherwise a fresh fetch (with force_refresh when <paramref name="force"/>).
    /// </summary>
    public async ValueTask<string> RefreshAsync(string rejected, bool force, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var current = cached;
            if (current is not null && current.Token != rejected && timeProvider.GetUtcNow() < current.RefreshAt)
            {
                return current.Token;
            }

            if (force && timeProvider.GetUtcNow() - lastForced < MinForceInterval)
            {
                WeChatApiLog.ForcedRefreshTooSoon(logger);
                force = false;
            }

            return await FetchAsync(force, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<string> FetchAsync(bool force, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException($"{WeChatApiOptions.SectionName}:AppId and AppSecret are not configured; the WeChat API cannot be called.");
        }

        JsonElement answer;
        try
        {
            answer = await transport.PostAsync(Path, accessToken: null, new JsonObject
            {
                ["grant_type"] = "client_credential",
                ["appid"] = settings.AppId,
                ["secret"] = settings.AppSecret,
                ["force_refresh"] = force,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is WeChatApiException or HttpRequestException or Polly.Timeout.TimeoutRejectedException)
        {
            usage.RecordTokenFailure(ex.Message);
            throw;
        }

        var token = WeChatJson.String(answer, "access_token");
        var expiresIn = WeChatJson.Int64(answer, "expires_in") ?? 0;
        if (string.IsNullOrEmpty(token) || expiresIn <= 0)
        {
            usage.RecordTokenFailure(string.Create(CultureInfo.InvariantCulture, $"answered without access_token or a positive expires_in ({expiresIn})"));
            throw new HttpRequestException(HttpRequestError.InvalidResponse,
                string.Create(CultureInfo.InvariantCulture, $"WeChat API {Path} answered without access_token or a positive expires_in ({expiresIn})"),
                null, HttpStatusCode.OK);
        }

        var lifetime = TimeSpan.FromSeconds(expiresIn);
        var cacheFor = lifetime - settings.TokenRefreshMargin;
        if (cacheFor < lifetime / 2)
        {
            cacheFor = lifetime / 2;
        }

        var now = timeProvider.GetUtcNow();
        if (force)
        {
            lastForced = now;
        }

        Volatile.Write(ref cached, new CachedToken(token, now + cacheFor));
        usage.RecordTokenFetched(now + cacheFor, force);
        WeChatApiLog.TokenFetched(logger, force, expiresIn, cacheFor);
        return token;
    }

    private sealed record CachedToken(string Token, DateTimeOffset RefreshAt);
}
