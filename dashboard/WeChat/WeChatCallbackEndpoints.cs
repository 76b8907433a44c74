using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitor.Dashboard.Hosting;
using Monitor.Index;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat;
using Monitor.Jobs.Intake;

namespace Monitor.Dashboard.WeChat;

/// <summary>
/// The WeChat message-push endpoint (WECHAT.md §1–4): GET answers URL verification, POST stores the delivery and
/// answers within WeChat's 5 s. Order on POST: signature, replay window, bounded body, (safe mode: envelope,
/// msg_signature, decrypt), then raw bytes and message persisted in one transaction, then the answer. Analysis never
/// runs inside the request.
/// </summary>
internal static partial class WeChatCallbackEndpoints
{
    public const string Path = "/wechat/callback";

    public static IEndpointRouteBuilder MapWeChatCallback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path);
        group.AllowAnonymous().DisableAntiforgery().WithRequestTimeout(RequestTimeoutPolicies.Callback);
        group.MapGet("", Verify);
        group.MapPost("", ReceiveAsync);
        return app;
    }

    private static Results<ContentHttpResult, ProblemHttpResult> Verify(
        [FromQuery] string? signature, [FromQuery] string? timestamp, [FromQuery] string? nonce, [FromQuery] string? echostr,
        IOptions<WeChatOptions> options)
    {
        var problem = CheckSignature(options.Value, signature, timestamp, nonce);
        if (problem is not null)
        {
            return problem;
        }

        return echostr is null
            ? Problem(StatusCodes.Status400BadRequest, "query parameter `echostr` is missing")
            : TypedResults.Text(echostr, "text/plain");
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        IOptions<WeChatOptions> options,
        WeChatCallbackCrypto crypto,
        MessageIntake intake,
        IMessageStore store,
        Pseudonymizer pseudonymizer,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(WeChatCallbackEndpoints));
        var query = request.Query;
        string? timestamp = query["timestamp"], nonce = query["nonce"];
        var receivedAt = time.GetUtcNow();
        var problem = CheckSignature(settings, query["signature"], timestamp, nonce)
            ?? (WeChatReplayWindow.IsFresh(timestamp, receivedAt, settings.ReplayWindowSeconds, out var stale)
                ? null
                : Problem(StatusCodes.Status401Unauthorized, stale));
        var safeMode = string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase);
        if (problem is null && safeMode && crypto.Crypt is null)
        {
            problem = Problem(StatusCodes.Status503ServiceUnavailable, "safe (AES) mode is not configured: set WeChat__EncodingAESKey and WeChat__AppId");
        }

        if (problem is not null)
        {
            LogRejected(logger, problem.ProblemDetails.Detail);
            return problem;
        }

        var body = await BoundedBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            LogRejected(logger, "body too large");
            return Problem(StatusCodes.Status413PayloadTooLarge, $"body is larger than {settings.MaxBodyBytes} bytes");
        }

        var opened = safeMode ? Open(crypto.Crypt!, body, query["msg_signature"], timestamp, nonce) : new Opened(body, null, null);
        var parsed = opened.Error is null ? WeChatInboundParser.Parse(opened.Xml) : null;
        var rejection = opened.Error ?? (parsed!.IsSuccess ? null : parsed.Reason);
        var delivery = new RawDelivery
        {
            Channel = safeMode ? "wechat-callback-aes" : "wechat-callback",
            ReceivedAt = receivedAt,
            Query = request.QueryString.Value,
            Body = body,
            RejectionReason = rejection,
        };
        if (rejection is not null || parsed?.Inbound is not { } inbound)
        {
            // Quarantined: the raw bytes are stored with the reason and can be replayed once the cause is fixed.
            await intake.AcceptAsync(delivery, null, cancellationToken);
            LogRejected(logger, rejection);
            return Problem(StatusCodes.Status400BadRequest, rejection ?? "the body is not a WeChat message");
        }

        var outcome = await intake.AcceptAsync(delivery, inbound.ToMessage(pseudonymizer), cancellationToken);
        LogStored(logger, outcome.MessageId ?? 0, outcome.Created, inbound.MsgType);
        if (inbound.IsEvent && string.Equals(inbound.Event, "unsubscribe", StringComparison.OrdinalIgnoreCase))
        {
            // WeChat requires a developer to delete an unfollower's information: their messages stay, unlinkable.
            await store.ErasePersonAsync(pseudonymizer.Pseudonymize(inbound.FromUserName), cancellationToken);
        }

        if (!settings.AutoReply || inbound.IsEvent || outcome.CaseNumber is null)
        {
            return TypedResults.Text("success", "text/plain");
        }

        var reply = WeChatPassiveReply.Text(
            inbound.FromUserName,
            inbound.ToUserName,
            string.Format(CultureInfo.InvariantCulture, settings.AcknowledgementTemplate, outcome.CaseNumber),
            receivedAt);
        if (safeMode)
        {
            reply = crypto.Crypt!.EncryptReply(reply, timestamp!, nonce!, opened.Key!.Value);
        }

        return TypedResults.Text(reply, "application/xml", Encoding.UTF8);
    }

    /// <summary>Safe and compatible mode: read the envelope, check msg_signature, decrypt with the current or previous key.</summary>
    private static Opened Open(WeChatMessageCrypt crypt, byte[] body, string? msgSignature, string? timestamp, string? nonce)
    {
        var envelope = WeChatEnvelopeParser.Parse(body);
        if (!envelope.IsSuccess)
        {
            return new Opened(body, null, envelope.Error);
        }

        var decrypted = crypt.Decrypt(msgSignature, timestamp, nonce, envelope.Envelope!.Encrypt);
        return decrypted.IsSuccess
            ? new Opened(Encoding.UTF8.GetBytes(decrypted.Message!), decrypted.Key, null)
            : new Opened(body, null, decrypted.Error);
    }

    private static ProblemHttpResult? CheckSignature(WeChatOptions options, string? signature, string? timestamp, string? nonce)
    {
        if (string.IsNullOrEmpty(options.Token))
        {
            return Problem(StatusCodes.Status503ServiceUnavailable, "the WeChat callback is not configured: set WeChat__Token");
        }

        foreach (var (name, value) in new[] { ("signature", signature), ("timestamp", timestamp), ("nonce", nonce) })
        {
            if (string.IsNullOrEmpty(value))
            {
                return Problem(StatusCodes.Status400BadRequest, $"query parameter `{name}` is missing");
            }
        }

        return WeChatSignature.Verify(options.Token, timestamp!, nonce!, signature!)
            ? null
            : Problem(StatusCodes.Status401Unauthorized, "signature does not match the configured token");
    }

    private static ProblemHttpResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: "WeChat callback rejected");

    private sealed record Opened(byte[] Xml, WeChatKeySlot? Key, string? Error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat delivery rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat delivery stored as message {MessageId} (new: {Created}, type {MsgType})")]
    private static partial void LogStored(ILogger logger, long messageId, bool created, string msgType);
}
