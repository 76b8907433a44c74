using System.Xml;
using System.Xml.Linq;

namespace Monitor.Ingest.WeChat;

/// <summary>
/// Reads <c>Encrypt</c> (and <c>ToUserName</c>) out of a safe- or compatible-mode body, with the same safe reader
/// as <see cref="WeChatInboundParser"/>: DTDs, external entities and huge documents are refused; bad input is a result.
/// </summary>
public static class WeChatEnvelopeParser
{
    public static WeChatEnvelopeResult Parse(ReadOnlySpan<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return Read(WeChatInboundParser.TryLoad(() => XmlReader.Create(stream, WeChatInboundParser.Settings), out var error), error);
    }

    public static WeChatEnvelopeResult Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Read(WeChatInboundParser.TryLoad(() => XmlReader.Create(new StringReader(body), WeChatInboundParser.Settings), out var error), error);
    }

    private static WeChatEnvelopeResult Read(XDocument? document, string? error)
    {
        if (document is null)
        {
            return WeChatEnvelopeResult.Failure(error!);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "xml")
        {
            return WeChatEnvelopeResult.Failure($"root element is <{root.Name.LocalName}>; a WeChat push has <xml> as its root");
        }

        var encrypts = root.Elements("Encrypt").ToList();
        if (encrypts.Count == 0)
        {
            return WeChatEnvelopeResult.Failure("element <Encrypt> is missing; a safe- or compatible-mode push has it");
        }

        if (encrypts.Count > 1)
        {
            return WeChatEnvelopeResult.Failure($"element <Encrypt> appears more than once (again at {WeChatInboundParser.Where(encrypts[1])})");
        }

        var encrypt = encrypts[0];
        if (encrypt.HasElements || encrypt.Value.Trim().Length == 0)
        {
            return WeChatEnvelopeResult.Failure($"element <Encrypt> at {WeChatInboundParser.Where(encrypt)} must hold Base64 text");
        }

        var toUser = root.Elements("ToUserName").FirstOrDefault();
        return WeChatEnvelopeResult.Success(new WeChatEnvelope
        {
            // Exactly as sent: msg_signature is computed over this text.
            Encrypt = encrypt.Value,
            ToUserName = toUser is null || toUser.HasElements ? null : toUser.Value,
        });
    }
}
