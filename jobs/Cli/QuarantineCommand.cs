using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Monitor.Index;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat;
using Monitor.Jobs.Intake;

namespace Monitor.Jobs.Cli;

/// <summary>
/// <c>monitor quarantine</c>: lists the deliveries that could not be read, with where and why (never their bodies,
/// which carry OpenIDs); with <c>--replay</c>, reads each WeChat delivery again (with today's parser and keys) and
/// stores the ones that now read, once. Rejected import rows are replayed by importing the fixed file again.
/// </summary>
public static class QuarantineCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, bool replay, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var store = services.GetRequiredService<IMessageStore>();
        var intake = services.GetRequiredService<MessageIntake>();
        var pseudonymizer = services.GetRequiredService<Pseudonymizer>();
        var options = services.GetRequiredService<IOptions<WeChatOptions>>().Value;
        var crypt = WeChatMessageCrypt.Create(options);
        int listed = 0, released = 0, still = 0;
        var quarantined = new List<QuarantinedDelivery>();
        await foreach (var delivery in store.QuarantineAsync(cancellationToken))
        {
            quarantined.Add(delivery);
        }

        foreach (var delivery in quarantined)
        {
            listed++;
            if (!replay)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(
                    new { id = delivery.Id, channel = delivery.Channel, received_at = delivery.ReceivedAt, bytes = delivery.Body.Length, reason = delivery.Reason },
                    CliJson.Options));
                continue;
            }

            var inbound = delivery.Channel.StartsWith("wechat-callback", StringComparison.Ordinal) ? Read(delivery, crypt) : null;
            if (inbound is null)
            {
                still++;
                continue;
            }

            var outcome = await store.ReleaseAsync(delivery.Id, intake.Scrub(inbound.ToMessage(pseudonymizer)), cancellationToken);
            released++;
            await output.WriteLineAsync(JsonSerializer.Serialize(
                new { id = delivery.Id, released = true, message_id = outcome.MessageId, case_number = outcome.CaseNumber, created = outcome.Created },
                CliJson.Options));
        }

        await output.WriteLineAsync(replay
            ? $"replayed {listed} quarantined deliveries: {released} released, {still} still unreadable"
            : $"{listed} deliveries in quarantine");
        return 0;
    }

    private static WeChatInbound? Read(QuarantinedDelivery delivery, WeChatMessageCrypt? crypt)
    {
        var xml = delivery.Body;
        var query = QueryHelpers.ParseQuery(delivery.Query);
        string? Query(string key) => query.TryGetValue(key, out var value) ? value.ToString() : null;
        if (string.Equals(Query("encrypt_type"), "aes", StringComparison.OrdinalIgnoreCase))
        {
            var envelope = WeChatEnvelopeParser.Parse(delivery.Body);
            if (crypt is null || !envelope.IsSuccess)
            {
                return null;
            }

            var decrypted = crypt.Decrypt(Query("msg_signature"), Query("timestamp"), Query("nonce"), envelope.Envelope!.Encrypt);
            if (!decrypted.IsSuccess)
            {
                return null;
            }

            xml = Encoding.UTF8.GetBytes(decrypted.Message!);
        }

        var parsed = WeChatInboundParser.Parse(xml);
        return parsed.IsSuccess ? parsed.Inbound : null;
    }
}
