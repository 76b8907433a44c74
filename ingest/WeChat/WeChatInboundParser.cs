using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Monitor.Ingest.WeChat;

/// <summary>
/// Reads a plain push body (<c>&lt;xml&gt;…&lt;/xml&gt;</c>) into a <see cref="WeChatInbound"/>.
/// Bad input is a result with reasons, never an exception; DTDs, external entities and huge documents are refused.
/// </summary>
public static partial class WeChatInboundParser
{
    /// <summary>The most characters a body may expand to; real pushes are a few hundred.</summary>
    public const long MaxCharacters = 1024 * 1024;

    /// <summary>The safe reader settings every WeChat body is read with.</summary>
    internal static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    public static WeChatParseResult Parse(ReadOnlySpan<byte> body)
    {
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        return Load(() => XmlReader.Create(stream, Settings));
    }

    public static WeChatParseResult Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Load(() => XmlReader.Create(new StringReader(body), Settings));
    }

    private static WeChatParseResult Load(Func<XmlReader> open)
    {
        var document = TryLoad(open, out var error);
        return document is null ? Fail(error!) : Read(document.Root!);
    }

    /// <summary>Loads a body with <see cref="Settings"/>; on bad input returns null and the reason.</summary>
    internal static XDocument? TryLoad(Func<XmlReader> open, out string? error)
    {
        XmlReader? reader = null;
        try
        {
            reader = open();
            error = null;
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            // The DTD refusal carries no position (line 0).
            error = ex.LineNumber == 0 && ex.Message.Contains("DTD", StringComparison.Ordinal)
                ? "body has a DTD (<!DOCTYPE …>); DTDs are refused (entity expansion, external entities) and WeChat never sends one"
                : string.Create(CultureInfo.InvariantCulture,
                    $"body is not well-formed XML at line {ex.LineNumber}, position {ex.LinePosition}: {WithoutPosition(ex.Message)}");
            return null;
        }
        catch (DecoderFallbackException ex)
        {
            error = $"body is not valid UTF-8: {ex.Message}";
            return null;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    private static WeChatParseResult Read(XElement root)
    {
        if (root.Name.LocalName != "xml")
        {
            return Fail($"root element is <{root.Name.LocalName}>; a WeChat push has <xml> as its root");
        }

        var errors = new List<string>();
        var fields = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var element in root.Elements())
        {
            var name = element.Name.LocalName;
            if (!fields.TryAdd(name, element))
            {
                errors.Add($"element <{name}> appears more than once (again at {Where(element)})");
            }
        }

        var reader = new FieldReader(fields, errors);
        var toUser = reader.RequiredString("ToUserName");
        var fromUser = reader.RequiredString("FromUserName");
        var createTime = reader.RequiredUnixTime("CreateTime");
        var msgType = reader.RequiredString("MsgType");
        var isEvent = msgType == "event";
        var msgId = isEvent ? reader.OptionalInt64("MsgId") : reader.RequiredInt64("MsgId", msgType);
        var eventName = isEvent ? reader.RequiredString("Event", "MsgType 'event'") : reader.OptionalString("Event");
        var content = msgType == "text" ? reader.RequiredString("Content", "MsgType 'text'", allowEmpty: true) : reader.OptionalString("Content");

        var inbound = new WeChatInbound
        {
            ToUserName = toUser ?? string.Empty,
            FromUserName = fromUser ?? string.Empty,
            CreateTime = createTime ?? 0,
            MsgType = msgType ?? string.Empty,
            MsgId = msgId,
            Content = content,
            PicUrl = reader.OptionalString("PicUrl"),
            MediaId = reader.OptionalString("MediaId"),
            Format = reader.OptionalString("Format"),
            Recognition = reader.OptionalString("Recognition"),
            ThumbMediaId = reader.OptionalString("ThumbMediaId"),
            LocationX = reader.OptionalDouble("Location_X"),
            LocationY = reader.OptionalDouble("Location_Y"),
            Scale = reader.OptionalInt32("Scale"),
            Label = reader.OptionalString("Label"),
            Title = reader.OptionalString("Title"),
            Description = reader.OptionalString("Description"),
            Url = reader.OptionalString("Url"),
            Event = eventName,
            EventKey = reader.OptionalString("EventKey"),
            Ticket = reader.OptionalString("Ticket"),
            Latitude = reader.OptionalDouble("Latitude"),
            Longitude = reader.OptionalDouble("Longitude"),
            Precision = reader.OptionalDouble("Precision"),
            MenuId = reader.OptionalString("MenuId"),
        };

        return errors.Count == 0 ? WeChatParseResult.Success(inbound) : WeChatParseResult.Failure(errors);
    }

    private static WeChatParseResult Fail(string error) => WeChatParseResult.Failure([error]);

    internal static string Where(XElement element) =>
        element is IXmlLineInfo info && info.HasLineInfo()
            ? string.Create(CultureInfo.InvariantCulture, $"line {info.LineNumber}, position {info.LinePosition}")
            : "unknown position";

    private static string WithoutPosition(string message) => TrailingPosition().Replace(message, string.Empty);

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex TrailingPosition();
}
