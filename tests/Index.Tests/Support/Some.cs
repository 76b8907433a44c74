using System.Text;
using Monitor.Ingest;

namespace Monitor.Index.Tests.Support;

/// <summary>Builders for the records the store takes.</summary>
public static class Some
{
    public static Message Message(string sourceId, string text = "河道污染严重，请尽快处理") => new()
    {
        SourceKind = "wechat",
        SourceId = sourceId,
        Account = "gh_test",
        Author = "u_test",
        Time = DateTimeOffset.FromUnixTimeSeconds(1_714_037_059),
        Text = text,
    };

    public static RawDelivery Delivery(string body = "<xml/>", string? rejection = null) => new()
    {
        Channel = "wechat-callback",
        ReceivedAt = DateTimeOffset.UtcNow,
        Query = "?signature=x",
        Body = Encoding.UTF8.GetBytes(body),
        RejectionReason = rejection,
    };
}
