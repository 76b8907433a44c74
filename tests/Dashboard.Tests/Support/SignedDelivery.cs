using System.Globalization;
using System.Text;
using Monitor.Ingest.WeChat;

namespace Monitor.Dashboard.Tests.Support;

/// <summary>Builds WeChat callback requests the way WeChat's servers sign them (WECHAT.md §1–2).</summary>
public static class SignedDelivery
{
    /// <summary>A text message; sent now unless <paramref name="createTime"/> (Unix seconds) says otherwise.</summary>
    public static string TextXml(string msgId, string content, string fromUser = "oyORnuP8q7ou2gfYjqLzSIWZf0rs", long? createTime = null) =>
        $"""
        <xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[{fromUser}]]></FromUserName><CreateTime>{createTime ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{msgId}</MsgId></xml>
        """;

    public static HttpRequestMessage Post(string token, string xml, string? signatureOverride = null)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var signature = signatureOverride ?? WeChatSignature.Compute(token, timestamp, nonce);
        return new HttpRequestMessage(HttpMethod.Post, $"/wechat/callback?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid=x")
        {
            Content = new StringContent(xml, Encoding.UTF8, "text/xml"),
        };
    }
}
