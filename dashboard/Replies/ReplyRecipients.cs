using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Monitor.Dashboard.WeChat;
using Monitor.Index;
using Monitor.Ingest.Privacy;
using Monitor.Ingest.WeChat;

namespace Monitor.Dashboard.Replies;

/// <summary>
/// Finds the OpenID a reply must go to. Messages carry only the keyed-hash pseudonym, so the OpenID is read back from the
/// raw delivery the callback kept (decrypted again in safe mode) and checked against the pseudonym: after an
/// unsubscribe the delivery is blanked and the author re-pseudonymised, so an erased person cannot be written to.
/// </summary>
internal sealed class ReplyRecipients(IOptions<StoreOptions> options, WeChatCallbackCrypto crypto, Pseudonymizer pseudonymizer)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = options.Value.DatabasePath }.ToString();

    public async Task<string?> FindOpenIdAsync(StoredMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Message.Author is not { Length: > 0 } author)
        {
            return null;
        }

        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT channel, query, body FROM deliveries WHERE message_id = $id AND length(body) > 0 ORDER BY id;";
        command.Parameters.AddWithValue("$id", message.Id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var openId = OpenIdOf(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), (byte[])reader.GetValue(2));
            if (openId is not null && pseudonymizer.Pseudonymize(openId) == author)
            {
                return openId;
            }
        }

        return null;
    }

    private string? OpenIdOf(string channel, string? query, byte[] body)
    {
        var xml = body;
        if (channel == "wechat-callback-aes")
        {
            var parameters = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
            var envelope = WeChatEnvelopeParser.Parse(body);
            if (crypto.Crypt is null || !envelope.IsSuccess)
            {
                return null;
            }

            var opened = crypto.Crypt.Decrypt(parameters["msg_signature"], parameters["timestamp"], parameters["nonce"], envelope.Envelope!.Encrypt);
            if (!opened.IsSuccess)
            {
                return null;
            }

            xml = Encoding.UTF8.GetBytes(opened.Message!);
        }
        else if (channel != "wechat-callback")
        {
            return null;
        }

        var parsed = WeChatInboundParser.Parse(xml);
        return parsed.IsSuccess && parsed.Inbound is { } inbound && inbound.FromUserName.Length > 0 ? inbound.FromUserName : null;
    }
}
