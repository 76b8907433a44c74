namespace Monitor.Jobs.Sources;

/// <summary>The kinds of source a job can poll.</summary>
public static class SourceKinds
{
    public const string Feed = "feed";
    public const string Page = "page";
    public const string WeChatArticles = "wechat-articles";
    public const string WeChatComments = "wechat-comments";

    public static IReadOnlyList<string> All { get; } = [Feed, Page, WeChatArticles, WeChatComments];
}
