namespace Monitor.Ingest.Pages;

/// <summary>Which extraction rules read a page.</summary>
public enum PageLayout
{
    /// <summary>No known layout: the title and body come from <c>h1</c>/<c>title</c> and the largest text container.</summary>
    Generic,

    /// <summary>A WeChat official-account article (mp.weixin.qq.com: <c>#activity-name</c>, <c>#js_content</c>).</summary>
    WeChatArticle,

    /// <summary>A government site article (<c>#zoom</c>, <c>.article</c>, <c>.content</c>, <c>meta[name=PubDate]</c>).</summary>
    Government,
}
