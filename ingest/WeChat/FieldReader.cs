using System.Globalization;
using System.Xml.Linq;

namespace Monitor.Ingest.WeChat;

/// <summary>Reads typed fields of one push, adding a reason to <c>errors</c> for each bad one.</summary>
internal sealed class FieldReader(IReadOnlyDictionary<string, XElement> fields, List<string> errors)
{
    private const int MaxQuotedLength = 64;

    public string? RequiredString(string name, string? requiredBy = null, bool allowEmpty = false)
    {
        if (!fields.TryGetValue(name, out var element))
        {
            errors.Add(requiredBy is null
                ? $"element <{name}> is missing; every push has it"
                : $"element <{name}> is missing; {requiredBy} requires it");
            return null;
        }

        var value = Text(element);
        if (value is null)
        {
            errors.Add($"element <{name}> at {WeChatInboundParser.Where(element)} has child elements; it must hold text");
            return null;
        }

        if (!allowEmpty && value.Trim().Length == 0)
        {
            errors.Add($"element <{name}> at {WeChatInboundParser.Where(element)} is empty; it must have a value");
            return null;
        }

        return value;
    }

    public string? OptionalString(string name) =>
        fields.TryGetValue(name, out var element) ? Text(element) : null;

    public long? RequiredUnixTime(string name)
    {
        var raw = RequiredString(name);
        if (raw is null)
        {
            return null;
        }

        if (long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return seconds;
        }

        errors.Add($"element <{name}> at {WeChatInboundParser.Where(fields[name])}: '{Quote(raw)}' is not a Unix time (integer seconds)");
        return null;
    }

    public long? RequiredInt64(string name, string? msgType)
    {
        if (!fields.ContainsKey(name))
        {
            errors.Add($"element <{name}> is missing; MsgType '{msgType}' is a normal message and requires it");
            return null;
        }

        return OptionalInt64(name);
    }

    public long? OptionalInt64(string name)
    {
        var raw = OptionalString(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (long.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"element <{name}> at {WeChatInboundParser.Where(fields[name])}: '{Quote(raw)}' is not a 64-bit integer");
        return null;
    }

    public int? OptionalInt32(string name)
    {
        var raw = OptionalString(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (int.TryParse(raw.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"element <{name}> at {WeChatInboundParser.Where(fields[name])}: '{Quote(raw)}' is not an integer");
        return null;
    }

    public double? OptionalDouble(string name)
    {
        var raw = OptionalString(name);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        if (double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        errors.Add($"element <{name}> at {WeChatInboundParser.Where(fields[name])}: '{Quote(raw)}' is not a decimal number");
        return null;
    }

    private static string? Text(XElement element)
    {
        if (element.HasElements)
        {
            // Nested payloads (ScanCodeInfo, SendPicsInfo, SendLocationInfo) are not fields of the record.
            return null;
        }

        return element.Value;
    }

    private static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? value : string.Concat(value.AsSpan(0, MaxQuotedLength), "…");
}
