using System.Security.Cryptography;
using System.Text;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.Options;

namespace Monitor.Ingest.Pages;

/// <summary>
/// Reads a fetched article page (WeChat mp.weixin.qq.com or a government site) into a <see cref="PageSnapshot"/>.
/// Decoding follows <see cref="PageCharset"/>: override, HTTP charset, BOM/meta, valid UTF-8, then
/// <see cref="PageReaderOptions.FallbackCharset"/>. HTML parsing is tolerant: any bytes give a snapshot. Thread-safe.
/// </summary>
public sealed class PageReader
{
    private static readonly string[] RemovalNotices =
    [
        "该内容已被发布者删除", "此内容因违规无法查看", "此内容被投诉且经审核涉嫌侵权", "该公众号已迁移", "此内容发送失败无法查看",
        "该内容已被删除", "页面不存在", "信息已删除",
    ];

    private static readonly string[] BodySelectors =
    [
        "#js_content", "#zoom", ".TRS_Editor", "#UCAP-CONTENT", ".article-content", ".article .content", ".article",
        ".content", "article", "#content", "main",
    ];

    private readonly PageReaderOptions options;

    public PageReader(IOptions<PageReaderOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
    }

    /// <param name="content">The response body as received.</param>
    /// <param name="contentType">The HTTP Content-Type header, if any (its charset is honoured).</param>
    /// <param name="url">The absolute URL the page was fetched from (relative links resolve against it).</param>
    /// <param name="charsetOverride">Forces an encoding for a source known to declare the wrong one; null to detect.</param>
    /// <param name="cancellationToken">Cancels parsing.</param>
    public async Task<PageSnapshot> ReadAsync(
        ReadOnlyMemory<byte> content, string? contentType, Uri url, string? charsetOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            throw new ArgumentException($"The page URL must be absolute, was '{url}'.", nameof(url));
        }

        if (content.Length > options.MaxPageBytes)
        {
            content = content[..options.MaxPageBytes];
        }

        var charset = PageCharset.Decide(content.Span, contentType, charsetOverride, options.FallbackCharset);
        using var context = BrowsingContext.New(Configuration.Default);
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        using var document = await context.OpenAsync(
            response => response.Content(stream).Address(url).Header("Content-Type", "text/html; charset=" + charset), cancellationToken);
        return Read(document, url);
    }

    private static PageSnapshot Read(IDocument document, Uri url)
    {
        var layout = LayoutOf(document, url);
        var container = BodyContainer(document);
        var title = layout switch
        {
            PageLayout.WeChatArticle => First(Text(document.QuerySelector("#activity-name")), Meta(document, "og:title"), document.Title),
            _ => First(Text(document.QuerySelector("h1")), Text(document.QuerySelector(".title")), Meta(document, "ArticleTitle"), document.Title),
        };
        var body = HtmlText.Of(container);
        var images = container?.QuerySelectorAll("img").Length ?? 0;
        var author = layout switch
        {
            PageLayout.WeChatArticle => First(Text(document.QuerySelector("#js_name")), Meta(document, "author")),
            _ => First(Meta(document, "author"), Meta(document, "ContentSource"), SourceLabel(document)),
        };

        return new PageSnapshot
        {
            Url = url,
            Layout = layout,
            Charset = document.CharacterSet,
            Title = title,
            Author = author.Length == 0 ? null : author,
            PublishedAt = layout == PageLayout.WeChatArticle ? WeChatTime(document) : PageTimeOf(document),
            Body = body,
            ImageCount = images,
            ContentHash = Hash(title, body, images),
            // A removal notice replaces the article: only a page without an article container, or a very short one, can be one.
            RemovalNotice = container is null || container == document.Body || body.Length < 200 ? RemovalNoticeOf(document) : null,
        };
    }

    private static PageLayout LayoutOf(IDocument document, Uri url)
    {
        if (url.Host.Equals("mp.weixin.qq.com", StringComparison.OrdinalIgnoreCase)
            || document.QuerySelector("#js_content, #activity-name") is not null)
        {
            return PageLayout.WeChatArticle;
        }

        return url.Host.EndsWith(".gov.cn", StringComparison.OrdinalIgnoreCase)
            || document.QuerySelector("#zoom, .TRS_Editor, meta[name='PubDate' i], meta[name='SiteName' i], meta[name='ArticleTitle' i]") is not null
            ? PageLayout.Government
            : PageLayout.Generic;
    }

    private static IElement? BodyContainer(IDocument document)
    {
        foreach (var selector in BodySelectors)
        {
            foreach (var element in document.QuerySelectorAll(selector))
            {
                if (HtmlText.Of(element).Length > 0 || element.QuerySelector("img") is not null)
                {
                    return element;
                }
            }
        }

        return document.Body;
    }

    private static DateTimeOffset? WeChatTime(IDocument document)
    {
        foreach (var script in document.QuerySelectorAll("script"))
        {
            if (PageTime.FromWeChatScript(script.TextContent) is { } time)
            {
                return time;
            }
        }

        return PageTime.FromText(Text(document.QuerySelector("#publish_time"))) ?? PageTime.FromText(Meta(document, "article:published_time"));
    }

    private static DateTimeOffset? PageTimeOf(IDocument document)
    {
        foreach (var name in (string[])["PubDate", "publishdate", "article:published_time", "firstpublishedtime", "dc.date", "date"])
        {
            if (PageTime.FromText(Meta(document, name)) is { } time)
            {
                return time;
            }
        }

        foreach (var element in document.QuerySelectorAll("#publish_time, .pubtime, .pub-time, .date, .time, time[datetime]"))
        {
            if ((PageTime.FromText(element.GetAttribute("datetime")) ?? PageTime.FromText(element.TextContent)) is { } time)
            {
                return time;
            }
        }

        return PageTime.FromLabelledText(HtmlText.Of(document.Body));
    }

    private static string SourceLabel(IDocument document)
    {
        var text = HtmlText.Of(document.Body);
        var at = text.IndexOf("来源：", StringComparison.Ordinal) is var full and >= 0 ? full : text.IndexOf("来源:", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var rest = text.AsSpan(at + 3).TrimStart();
        var end = rest.IndexOfAny(" \n\t");
        return (end < 0 ? rest : rest[..end]).ToString();
    }

    private static string? RemovalNoticeOf(IDocument document)
    {
        var text = HtmlText.Of(document.Body);
        return RemovalNotices.FirstOrDefault(notice => text.Contains(notice, StringComparison.Ordinal));
    }

    private static string Meta(IDocument document, string name)
    {
        foreach (var meta in document.QuerySelectorAll("meta").OfType<IHtmlMetaElement>())
        {
            var key = meta.Name ?? meta.GetAttribute("property");
            if (key is not null && key.Equals(name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(meta.Content))
            {
                return HtmlText.Normalize(meta.Content);
            }
        }

        return string.Empty;
    }

    private static string Text(IElement? element) => element is null ? string.Empty : HtmlText.Of(element).Replace('\n', ' ');

    private static string First(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c))?.Trim() ?? string.Empty;

    internal static string Hash(string title, string body, int images)
    {
        var material = string.Join('\u001f', title, body, images.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }
}
