using System.Text;
using CsCheck;
using Monitor.Ingest.Tests.Support;
using Monitor.Ingest.WeChat;

namespace Monitor.Ingest.Tests.WeChat;

/// <summary>Thousands of generated bodies: every one ends in a result, none in an unhandled exception.</summary>
public sealed class WeChatPropertyTests
{
    private const int Iterations = 10_000;

    private static readonly string[] ElementNames =
    [
        "xml", "ToUserName", "FromUserName", "CreateTime", "MsgType", "MsgId", "Content", "PicUrl", "MediaId", "Format",
        "Recognition", "ThumbMediaId", "Location_X", "Location_Y", "Scale", "Label", "Title", "Description", "Url", "Event",
        "EventKey", "Ticket", "Latitude", "Longitude", "Precision", "MenuId", "Encrypt", "ScanCodeInfo",
    ];

    private static readonly Gen<string> Value = Gen.OneOf(
        Gen.String,
        Gen.String[Gen.Char.AlphaNumeric, 0, 30],
        Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
        Gen.OneOf("text", "event", "image", "voice", "location", "link", "subscribe", "CLICK", "VIEW", "", " ", "]]>", "&amp;", "&bogus;", "<", "\u0001", "\uD800"),
        Gen.String.Select(s => "<![CDATA[" + s + "]]>"));

    private static readonly Gen<string> Element = Gen.Select(Gen.OneOf(ElementNames), Value, Gen.Int[0, 9])
        .Select((name, value, shape) => shape switch
        {
            0 => $"<{name}>{value}",
            1 => $"{value}</{name}>",
            2 => $"<{name}/>",
            3 => $"<{name} a=\"{value}\">{value}</{name}>",
            _ => $"<{name}>{value}</{name}>",
        });

    private static readonly Gen<string> XmlishBody = Gen.Select(Element.Array[0, 20], Gen.Int[0, 5], Gen.String[0, 10])
        .Select((elements, wrap, noise) => wrap switch
        {
            0 => string.Concat(elements),
            1 => "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e \"x\">]><xml>" + string.Concat(elements) + "</xml>",
            2 => "<xml>" + string.Concat(elements) + noise,
            _ => "<xml>" + string.Concat(elements) + "</xml>",
        });

    private static readonly WeChatMessageCrypt Crypt = new(SafeModeSample.Token, SafeModeSample.AppId, SafeModeSample.EncodingAesKey, SafeModeSample.OtherEncodingAesKey);

    [Fact]
    public void RandomStringsNeverThrowFromTheParser()
    {
        Gen.String.Sample(body =>
        {
            Assert.NotNull(WeChatInboundParser.Parse(body));
            Assert.NotNull(WeChatEnvelopeParser.Parse(body));
        }, iter: Iterations);
    }

    [Fact]
    public void XmlishBodiesFromTheRealElementNamesNeverThrowFromTheParser()
    {
        XmlishBody.Sample(body =>
        {
            var result = WeChatInboundParser.Parse(body);
            Assert.True(result.IsSuccess || result.Errors.Count > 0);
            Assert.NotNull(WeChatEnvelopeParser.Parse(body));
            Assert.NotNull(WeChatInboundParser.Parse(Encoding.UTF8.GetBytes(body)));
        }, iter: Iterations);
    }

    [Fact]
    public void RandomBytesNeverThrowFromTheParser()
    {
        Gen.Byte.Array[0, 512].Sample(body =>
        {
            Assert.NotNull(WeChatInboundParser.Parse(body));
            Assert.NotNull(WeChatEnvelopeParser.Parse(body));
        }, iter: Iterations);
    }

    [Fact]
    public void RandomQueryValuesNeverThrowFromDecrypt()
    {
        var maybe = Gen.String.Select(s => s.Length % 5 == 1 ? null : s);
        Gen.Select(maybe, maybe, maybe, maybe).Sample((signature, timestamp, nonce, encrypt) =>
        {
            var result = Crypt.Decrypt(signature, timestamp, nonce, encrypt);
            Assert.False(result.IsSuccess);
        }, iter: Iterations);
    }

    [Fact]
    public void SignedRandomCiphertextsNeverThrowFromDecrypt()
    {
        // Correctly signed, so every input reaches Base64 decoding, AES and the layout checks.
        var encrypt = Gen.OneOf(
            Gen.Byte.Array[0, 400].Select(Convert.ToBase64String),
            Gen.Byte.Array[1, 25].Select(blocks => Convert.ToBase64String(new byte[blocks.Length * 16].Select((_, i) => blocks[i % blocks.Length]).ToArray())),
            Gen.Int[0, 319].Select(Gen.Byte, (position, value) => Mutate(position, value)),
            Gen.String[Gen.Char["A-Za-z0-9+/="], 1, 200]);
        Gen.Select(encrypt, Gen.String[Gen.Char.AlphaNumeric, 0, 12]).Sample((cipher, nonce) =>
        {
            var signature = WeChatSignature.ComputeMsgSignature(SafeModeSample.Token, SafeModeSample.Timestamp, nonce, cipher);
            var result = Crypt.Decrypt(signature, SafeModeSample.Timestamp, nonce, cipher);
            Assert.True(result.IsSuccess ? result.Message is not null : result.Error.Length > 0);
        }, iter: Iterations);
    }

    [Fact]
    public void RoundTripHoldsForRandomMessages()
    {
        Gen.String.Sample(message =>
        {
            var valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(message));
            var cipher = Crypt.Encrypt(valid, WeChatKeySlot.Previous, new byte[16]);
            var signature = WeChatSignature.ComputeMsgSignature(SafeModeSample.Token, "1", "n", cipher);
            var result = Crypt.Decrypt(signature, "1", "n", cipher);
            Assert.True(result.IsSuccess, result.Error);
            Assert.Equal(valid, result.Message);
            Assert.Equal(WeChatKeySlot.Previous, result.Key);
        }, iter: 2_000);
    }

    private static string Mutate(int position, byte value)
    {
        var bytes = Convert.FromBase64String(SafeModeSample.Encrypt);
        bytes[position] ^= (byte)(value | 1);
        return Convert.ToBase64String(bytes);
    }
}
