using System.Globalization;
using Monitor.Ingest.Privacy;

namespace Monitor.Ingest.WeChat;

/// <summary>One plain push from WeChat (message or event), field by field as in WECHAT.md §2.</summary>
public sealed record WeChatInbound
{
    /// <summary>The account's original id (gh_…).</summary>
    public required string ToUserName { get; init; }

    /// <summary>The sender's OpenID: personal data; never log or store it raw.</summary>
    public required string FromUserName { get; init; }

    /// <summary>Unix seconds.</summary>
    public required long CreateTime { get; init; }

    public required string MsgType { get; init; }

    /// <summary>Present on normal messages, absent on events.</summary>
    public long? MsgId { get; init; }

    public string? Content { get; init; }

    public string? PicUrl { get; init; }

    public string? MediaId { get; init; }

    public string? Format { get; init; }

    public string? Recognition { get; init; }

    public string? ThumbMediaId { get; init; }

    /// <summary>Latitude of a location message (<c>Location_X</c>).</summary>
    public double? LocationX { get; init; }

    /// <summary>Longitude of a location message (<c>Location_Y</c>).</summary>
    public double? LocationY { get; init; }

    public int? Scale { get; init; }

    public string? Label { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public string? Event { get; init; }

    public string? EventKey { get; init; }

    public string? Ticket { get; init; }

    public double? Latitude { get; init; }

    public double? Longitude { get; init; }

    public double? Precision { get; init; }

    public string? MenuId { get; init; }

    public bool IsEvent => string.Equals(MsgType, "event", StringComparison.Ordinal);

    public DateTimeOffset CreatedAt => DateTimeOffset.FromUnixTimeSeconds(CreateTime);

    /// <summary>
    /// The key WeChat's retries share: <c>msg:&lt;MsgId&gt;</c> for messages,
    /// <c>evt:&lt;FromUserName&gt;:&lt;CreateTime&gt;:&lt;Event&gt;</c> for events.
    /// It holds the raw OpenID for events: use it in memory, persist <see cref="ToMessage"/>'s SourceId instead.
    /// </summary>
    public string DedupKey => IsEvent || MsgId is null
        ? string.Create(CultureInfo.InvariantCulture, $"evt:{FromUserName}:{CreateTime}:{Event}")
        : string.Create(CultureInfo.InvariantCulture, $"msg:{MsgId}");

    /// <summary>
    /// The common <see cref="Message"/>. SourceId is the MsgId for messages and
    /// <c>&lt;author pseudonym&gt;:&lt;CreateTime&gt;:&lt;Event&gt;</c> for events, so no raw OpenID leaves this record.
    /// </summary>
    public Message ToMessage(Pseudonymizer pseudonymizer)
    {
        ArgumentNullException.ThrowIfNull(pseudonymizer);
        var author = pseudonymizer.Pseudonymize(FromUserName);
        var isEvent = IsEvent || MsgId is null;
        return new Message
        {
            SourceKind = "wechat",
            SourceId = isEvent
                ? string.Create(CultureInfo.InvariantCulture, $"{author}:{CreateTime}:{Event}")
                : MsgId!.Value.ToString(CultureInfo.InvariantCulture),
            Account = ToUserName,
            Author = author,
            Time = CreatedAt,
            Kind = IsEvent ? "event:" + Event : MsgType,
            Title = MsgType == "link" ? Title : null,
            Text = TextForAnalysis(),
            Url = MsgType == "link" ? Url : IsEvent && Event == "VIEW" ? EventKey : null,
        };
    }

    private string TextForAnalysis() => MsgType switch
    {
        "text" => Content ?? string.Empty,
        "voice" => Recognition ?? string.Empty,
        "link" => JoinNonEmpty(Title, Description),
        "location" => Label ?? string.Empty,
        "event" => EventKey ?? string.Empty,
        _ => string.Empty,
    };

    private static string JoinNonEmpty(string? first, string? second) =>
        string.IsNullOrEmpty(first) ? second ?? string.Empty
        : string.IsNullOrEmpty(second) ? first
        : first + "\n" + second;
}
