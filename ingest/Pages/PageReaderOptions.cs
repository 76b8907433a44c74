namespace Monitor.Ingest.Pages;

/// <summary>Bound from the configuration section <c>Pages</c>.</summary>
public sealed class PageReaderOptions
{
    public const string SectionName = "Pages";

    /// <summary>
    /// The encoding for a page that declares none (no HTTP charset, no BOM, no meta charset) and is not valid
    /// UTF-8. Chinese government sites without a declaration are almost always GBK, which GB18030 covers.
    /// </summary>
    public string FallbackCharset { get; set; } = "gb18030";

    /// <summary>The largest page read, in bytes; the rest is cut off.</summary>
    public int MaxPageBytes { get; set; } = 8 * 1024 * 1024;
}
