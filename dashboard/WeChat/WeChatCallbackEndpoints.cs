using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat;
using Monitor.Jobs.Pipeline;

namespace Monitor.Dashboard.WeChat;

/// <summary>
/// The WeChat message-push endpoint (WECHAT.md §1–3): GET answers URL verification, POST stores the delivery and
/// answers within WeChat's 5 s. Order on POST: check the signature, read a bounded body, persist raw bytes and
/// message in one transaction, then answer. Analysis never runs inside the request.
/// </summary>
internal static partial class WeChatCallbackEndpoints
{
    public const string Path = "/wechat/callback";

    public static IEndpointRouteBuilder MapWeChatCallback(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Path).AllowAnonymous().DisableAntiforgery();
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
        IMessageStore store,
        Pseudonymizer pseudonymizer,
        AnalysisSignal signal,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var logger = loggers.CreateLogger(typeof(WeChatCallbackEndpoints));
        var query = request.Query;
        var problem = CheckSignature(settings, query["signature"], query["timestamp"], query["nonce"]);
        if (problem is not null)
        {
            LogRejected(logger, problem.ProblemDetails.Detail);
            return problem;
        }

        if (string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase))
        {
            return Problem(StatusCodes.Status501NotImplemented, "safe (AES) mode is not enabled on this server; configure plain mode");
        }

        var body = await BoundedBody.ReadAsync(request, settings.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            LogRejected(logger, "body too large");
            return Problem(StatusCodes.Status413PayloadTooLarge, $"body is larger than {settings.MaxBodyBytes} bytes");
        }

        var receivedAt = time.GetUtcNow();
        var parsed = WeChatInboundParser.Parse(body);
        var delivery = new RawDelivery
        {
            Channel = "wechat-callback",
            ReceivedAt = receivedAt,
            Query = request.QueryString.Value,
            Body = body,
            RejectionReason = parsed.IsSuccess ? null : parsed.Reason,
        };
        if (parsed.Inbound is not { } inbound)
        {
            // Quarantined: the raw bytes are stored with the reason and can be replayed once the cause is fixed.
            await store.IngestAsync(delivery, null, cancellationToken);
            LogRejected(logger, parsed.Reason);
            return Problem(StatusCodes.Status400BadRequest, parsed.Reason);
        }

        var outcome = await store.IngestAsync(delivery, inbound.ToMessage(pseudonymizer), cancellationToken);
        signal.Notify();
        LogStored(logger, outcome.MessageId ?? 0, outcome.Created, inbound.MsgType);
        if (!settings.AutoReply || inbound.MsgType == "event" || outcome.CaseNumber is null)
        {
            return TypedResults.Text("success", "text/plain");
        }

        var reply = WeChatPassiveReply.Text(
            inbound.FromUserName,
            inbound.ToUserName,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, settings.AcknowledgementTemplate, outcome.CaseNumber),
            receivedAt);
        return TypedResults.Text(reply, "application/xml", System.Text.Encoding.UTF8);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat delivery rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat delivery stored as message {MessageId} (new: {Created}, type {MsgType})")]
    private static partial void LogStored(ILogger logger, long messageId, bool created, string msgType);
}
