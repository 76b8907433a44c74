using System.Globalization;
using System.Text;
using System.Xml;

namespace Monitor.Ingest.WeChat;

/// <summary>Builds the synchronous reply bodies of WECHAT.md §3.</summary>
public static class WeChatPassiveReply
{
    /// <summary>
    /// A text reply. <paramref name="toUser"/> is the user's OpenID (the push's FromUserName),
    /// <paramref name="fromUser"/> the account's gh_ id. Content containing <c>]]&gt;</c> is split across CDATA sections;
    /// characters XML cannot carry are replaced with U+FFFD.
    /// </summary>
    public static string Text(string toUser, string fromUser, string content, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(toUser);
        ArgumentNullException.ThrowIfNull(fromUser);
        ArgumentNullException.ThrowIfNull(content);

        var xml = new StringBuilder(128 + content.Length);
        xml.Append("<xml>");
        AppendCData(xml, "ToUserName", toUser);
        AppendCData(xml, "FromUserName", fromUser);
        xml.Append("<CreateTime>")
            .Append(time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))
            .Append("</CreateTime>");
        AppendCData(xml, "MsgType", "text");
        AppendCData(xml, "Content", content);
        xml.Append("</xml>");
        return xml.ToString();
    }

    private static void AppendCData(StringBuilder xml, string element, string value)
    {
        xml.Append('<').Append(element).Append("><![CDATA[");
        var safe = XmlSafe(value);
        // "]]>" cannot occur inside one CDATA section: close after "]]" and reopen before ">".
        xml.Append(safe.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal));
        xml.Append("]]></").Append(element).Append('>');
    }

    private static string XmlSafe(string value)
    {
        StringBuilder? fixedUp = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (XmlConvert.IsXmlChar(c))
            {
                fixedUp?.Append(c);
            }
            else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], c))
            {
                fixedUp?.Append(c).Append(value[i + 1]);
                i++;
            }
            else
            {
                fixedUp ??= new StringBuilder(value.Length).Append(value, 0, i);
                fixedUp.Append('\uFFFD');
            }
        }

        return fixedUp?.ToString() ?? value;
    }
}
