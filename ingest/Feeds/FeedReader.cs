using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using AngleSharp.Html.Parser;
using Monitor.Ingest.Pages;

namespace Monitor.Ingest.Feeds;

/// <summary>
/// Reads RSS 2.0 and Atom 1.0 with System.ServiceModel.Syndication into messages: SourceKind <c>rss</c>,
/// SourceId = the item guid/id or its link, Text = the summary (or content) without HTML. A broken document
/// or item is reported in the result, never thrown. Dates the formatter cannot parse are read leniently;
/// an item without any date gets the feed's update time, else the time of reading. Thread-safe.
/// </summary>
public sealed class FeedReader(TimeProvider timeProvider)
{
    public const string SourceKind = "rss";
    public const long MaxDocumentChars = 32 * 1024 * 1024;

    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = MaxDocumentChars,
        Async = false,
    };

    /// <param name="stream">The feed document (left open).</param>
    /// <param name="account">The account the items belong to; null to use the feed title, then the host of <paramref name="feedUrl"/>.</param>
    /// <param name="feedUrl">Where the feed was fetched from, for relative links; may be null.</param>
    public FeedReadResult Read(Stream stream, string? account = null, Uri? feedUrl = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        SyndicationFeed feed;
        try
        {
            feed = Load(stream);
        }
        catch (XmlException ex)
        {
            return FeedReadResult.NotAFeed($"not a readable RSS or Atom document: {ex.Message}");
        }
        catch (FormatException ex)
        {
            return FeedReadResult.NotAFeed($"not a readable RSS or Atom document: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            // e.g. <rss> without version="2.0": the formatter refuses versions it does not know.
            return FeedReadResult.NotAFeed($"not a readable RSS or Atom document: {ex.Message}");
        }

        var feedTitle = NullIfBlank(feed.Title?.Text);
        var owner = NullIfBlank(account) ?? feedTitle ?? feedUrl?.Host ?? string.Empty;
        var fallbackTime = feed.LastUpdatedTime > DateTimeOffset.MinValue ? feed.LastUpdatedTime : timeProvider.GetUtcNow();
        var parser = new HtmlParser();
        var items = new List<Message>();
        var problems = new List<string>();
        var position = 0;
        foreach (var item in feed.Items)
        {
            position++;
            var message = ToMessage(item, owner, fallbackTime, feedUrl, parser);
            if (message is null)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"item {position}: has neither a title nor any text; skipped"));
                continue;
            }

            items.Add(message);
        }

        return new FeedReadResult(feedTitle, items, problems);
    }

    private static SyndicationFeed Load(Stream stream)
    {
        using var xml = XmlReader.Create(stream, Settings);
        xml.MoveToContent();
        SyndicationFeedFormatter formatter = xml.LocalName == "feed"
            ? new Atom10FeedFormatter { DateTimeParser = LenientDate }
            : new Rss20FeedFormatter { DateTimeParser = LenientDate };
        if (!formatter.CanRead(xml))
        {
            throw new XmlException($"the root element is <{xml.LocalName}>; expected <rss> (RSS 2.0) or <feed> (Atom 1.0)");
        }

        formatter.ReadFrom(xml);
        return formatter.Feed;
    }

    private static Message? ToMessage(SyndicationItem item, string account, DateTimeOffset fallbackTime, Uri? feedUrl, HtmlParser parser)
    {
        var title = NullIfBlank(item.Title?.Text is { } t ? PlainText(t, item.Title.Type, parser) : null);
        var text = PlainText(item.Summary, parser);
        if (text.Length == 0)
        {
            text = PlainText(item.Content as TextSyndicationContent, parser);
        }

        if (text.Length == 0)
        {
            text = EncodedContent(item, parser);
        }

        if (text.Length == 0 && title is null)
        {
            return null;
        }

        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        if (link is not null && !link.IsAbsoluteUri && feedUrl is not null && Uri.TryCreate(feedUrl, link, out var absolute))
        {
            link = absolute;
        }

        var url = link?.IsAbsoluteUri == true ? link.AbsoluteUri : link?.OriginalString;
        var time = item.PublishDate > DateTimeOffset.MinValue ? item.PublishDate
            : item.LastUpdatedTime > DateTimeOffset.MinValue ? item.LastUpdatedTime
            : fallbackTime;
        var id = NullIfBlank(item.Id)?.Trim() ?? NullIfBlank(url) ?? StableId(title, text);
        return new Message
        {
            SourceKind = SourceKind,
            SourceId = id,
            Account = account,
            Time = time.ToUniversalTime(),
            Kind = "article",
            Title = title,
            Text = text.Length == 0 ? title! : text,
            Url = NullIfBlank(url),
        };
    }

    private static string PlainText(TextSyndicationContent? content, HtmlParser parser) =>
        content is null ? string.Empty : PlainText(content.Text, content.Type, parser);

    private static string PlainText(string? text, string? type, HtmlParser parser)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // RSS descriptions are HTML by convention; Atom says so with type="html"/"xhtml". Text with no '<' or '&' needs no parser.
        if (type == "text" && !text.Contains('<', StringComparison.Ordinal))
        {
            return HtmlText.Normalize(text);
        }

        if (!text.Contains('<', StringComparison.Ordinal) && !text.Contains('&', StringComparison.Ordinal))
        {
            return HtmlText.Normalize(text);
        }

        using var document = parser.ParseDocument(text);
        return HtmlText.Of(document.Body);
    }

    private static string EncodedContent(SyndicationItem item, HtmlParser parser)
    {
        foreach (var extension in item.ElementExtensions)
        {
            if (extension.OuterName == "encoded" && extension.OuterNamespace == ContentNamespace)
            {
                using var reader = extension.GetReader();
                return PlainText(reader.ReadElementContentAsString(), "html", parser);
            }
        }

        return string.Empty;
    }

    private static bool LenientDate(XmlDateTimeData data, out DateTimeOffset time)
    {
        var text = data.DateTimeString?.Trim() ?? string.Empty;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        // RFC 822 with a named zone (GMT, CST...) that .NET does not parse: drop the zone name, read it as UTC.
        var lastSpace = text.LastIndexOf(' ');
        if (lastSpace > 0 && DateTimeOffset.TryParse(text[..lastSpace], CultureInfo.InvariantCulture,
                DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        // Unreadable: MinValue means "no date" to the caller; returning false would fail the whole feed.
        time = DateTimeOffset.MinValue;
        return true;
    }

    private static string StableId(string? title, string text) =>
        "h_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((title ?? string.Empty) + "\u001f" + text)))[..24];

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
